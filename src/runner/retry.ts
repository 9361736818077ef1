// Retry policy: exponential backoff with full jitter, honouring what the provider asks for.
import type { CallError, RateLimit } from "../core/types.js";

export interface RetryPolicy {
  /** Attempts after the first; a call makes at most maxRetries + 1 requests. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
  /**
   * Most time one call spends waiting between its attempts, all waits together. A provider that keeps
   * asking for more ends the call with its last error (resume can send it again later) instead of
   * holding the run for maxRetries × 5 minutes. @default 5 minutes
   */
  maxTotalWaitMs?: number;
}

/** The longest one wait may be, whatever a provider asks for: a retry-after of an hour is a misconfiguration. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random,
  maxTotalWaitMs: MAX_RETRY_AFTER_MS,
};

const bounded = (ms: number) => Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);

/** How long to wait before attempt `attempt + 1`; a provider's retry-after wins over our own guess. */
export function backoffMs(
  error: Pick<CallError, "retryAfterMs" | "rateLimit"> & { kind: string },
  attempt: number,
  policy: RetryPolicy,
): number {
  // The provider knows its own limits: wait what it says, bounded only against absurd values.
  if (error.retryAfterMs !== undefined) return bounded(error.retryAfterMs);
  // A 429 without retry-after still says when its window refills, in the rate-limit headers.
  const reset = error.kind === "rate_limit" ? error.rateLimit?.resetMs : undefined;
  if (reset !== undefined) return bounded(reset);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return ceiling / 2 + (policy.random() * ceiling) / 2;
}

/**
 * How long the whole model should hold back after a response, answer or error, whose headers say a
 * limit is used up (remaining 0) and when it refills; undefined when nothing is used up.
 */
export function exhaustedPauseMs(rateLimit: RateLimit | undefined): number | undefined {
  if (rateLimit?.remaining !== 0 || rateLimit.resetMs === undefined) return undefined;
  return bounded(rateLimit.resetMs);
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  // The run's signal is shared by every call: a listener each from `concurrency` sleepers would trip
  // Node's leak warning on the user's terminal. A signal of our own follows it without a listener on it.
  const own = signal ? AbortSignal.any([signal]) : undefined;
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      own?.removeEventListener("abort", done);
      resolve();
    }
    own?.addEventListener("abort", done, { once: true });
  });
}

/**
 * A model-wide pause: when one call hears "429, retry after 20 s", every call to
 * that model (or recogniser) waits, instead of each finding out for itself.
 */
export class ModelGate {
  private pausedUntil = 0;

  pause(ms: number, now = Date.now()): void {
    this.pausedUntil = Math.max(this.pausedUntil, now + ms);
  }

  /** How long calls to this model are still held back. */
  pausedForMs(now = Date.now()): number {
    return Math.max(0, this.pausedUntil - now);
  }

  async wait(signal?: AbortSignal): Promise<void> {
    for (
      let left = this.pausedUntil - Date.now();
      left > 0 && !signal?.aborted;
      left = this.pausedUntil - Date.now()
    ) {
      await sleep(left, signal);
    }
  }
}

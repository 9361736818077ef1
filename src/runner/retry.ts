// Retry policy: exponential backoff with full jitter, honouring what the provider asks for.
import type { CallError } from "../core/types.js";

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

const MAX_RETRY_AFTER_MS = 5 * 60_000;

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random,
};

/** How long to wait before attempt `attempt + 1`; a provider's retry-after wins over our own guess. */
export function backoffMs(error: CallError, attempt: number, policy: RetryPolicy): number {
  // The provider knows its own limits: wait what it says, bounded only against absurd values.
  if (error.retryAfterMs !== undefined) return Math.min(Math.max(error.retryAfterMs, 0), MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return ceiling / 2 + (policy.random() * ceiling) / 2;
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * A model-wide pause: when one call hears "429, retry after 20 s", every call to
 * that model waits, instead of each finding out for itself.
 */
export class ModelGate {
  private pausedUntil = 0;

  pause(ms: number, now = Date.now()): void {
    this.pausedUntil = Math.max(this.pausedUntil, now + ms);
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

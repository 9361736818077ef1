// The one retry loop of every remote call, model or recogniser: gate, deadline, adaptive limit, backoff, budget.
import type { CallError, RateLimit } from "../core/types.js";
import { abortState, startDeadline } from "../providers/call-scope.js";
import {
  backoffMs,
  exhaustedPauseMs,
  MAX_RETRY_AFTER_MS,
  type ModelGate,
  type RetryPolicy,
  sleep,
} from "./retry.js";

/** What the loop reads of a failed attempt: whatever was called, these fields decide whether to try again. */
export interface AttemptError {
  kind: string;
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
  rateLimit?: RateLimit;
}

/** What the loop reads of an attempt: a model's CompletionResult and a recogniser's RecogniseResult both are one. */
export type AttemptResult = { ok: true; rateLimit?: RateLimit } | { ok: false; error: AttemptError };

/** What AdaptiveLimit hears from each attempt; `epoch` is noted as an attempt goes out and handed back with its 429. */
export interface AttemptObserver {
  readonly epoch: number;
  onSuccess(rateLimit?: RateLimit): void;
  onRateLimited(rateLimit?: RateLimit, sentAtEpoch?: number): void;
}

export interface AttemptLoop<R extends AttemptResult> {
  /** What is called, for the message of an attempt that threw ("provider", "recogniser"). */
  caller: string;
  /**
   * Sends one attempt. `signal` fires at the run's stop and, when there is one, at the deadline, which is
   * then `timeoutMs` (so the callee adds no timer of its own). Failures come back as data.
   */
  send(signal: AbortSignal, timeoutMs: number | undefined): Promise<R>;
  /** The failed result for an attempt that threw, or that the deadline ended; `latencyMs` is its wall clock. */
  failure(error: CallError, latencyMs: number): R;
  /** One deadline per attempt; undefined: none (a local recogniser whose time grows with its audio). */
  timeoutMs: number | undefined;
  retry: RetryPolicy;
  /** Shared by every call to the same model or recogniser: one 429 or used-up quota holds them all back. */
  gate: ModelGate;
  /** Told how every attempt went, so the concurrency follows the provider's limits. */
  limiter?: AttemptObserver;
  signal: AbortSignal;
  /** Told before each wait for another attempt, with the failed attempt's result. */
  onRetry(retry: { attempt: number; delayMs: number; failed: R }): void;
}

export interface Attempted<R> {
  /** The last attempt's result: an answer, or the error the call ends with. */
  result: R;
  attempts: number;
  /** Wall clock of the last attempt. */
  measuredMs: number;
}

/** Attempts until one answers, an error cannot get better, the retries or the wait budget run out, or the run stops. */
export async function runAttempts<R extends AttemptResult>(loop: AttemptLoop<R>): Promise<Attempted<R>> {
  let attempt = 0;
  let waitedMs = 0;
  for (;;) {
    await loop.gate.wait(loop.signal);
    const epoch = loop.limiter?.epoch;
    const started = performance.now();
    const result = await attemptOnce(loop);
    const measuredMs = Math.round(performance.now() - started);
    const seen: AttemptResult = result;
    attempt++;
    const rateLimit = seen.ok ? seen.rateLimit : seen.error.rateLimit;
    if (seen.ok) loop.limiter?.onSuccess(rateLimit);
    else if (seen.error.kind === "rate_limit") loop.limiter?.onRateLimited(rateLimit, epoch);
    // Any response, answer or error, may say the quota is used up until some time: hold back every call
    // to the same model or recogniser until then rather than collect a 429 each.
    const exhaustedMs = exhaustedPauseMs(rateLimit);
    if (exhaustedMs !== undefined) loop.gate.pause(exhaustedMs);
    if (seen.ok) return { result, attempts: attempt, measuredMs };
    const error = seen.error;
    const retriesLeft = attempt <= loop.retry.maxRetries;
    const delayMs = backoffMs(error, attempt - 1, loop.retry);
    const withinBudget = waitedMs + delayMs <= (loop.retry.maxTotalWaitMs ?? MAX_RETRY_AFTER_MS);
    if (!error.retryable || !retriesLeft || !withinBudget || loop.signal.aborted) {
      return { result, attempts: attempt, measuredMs };
    }
    waitedMs += delayMs;
    if (error.kind === "rate_limit") loop.gate.pause(delayMs);
    loop.onRetry({ attempt, delayMs, failed: result });
    await sleep(delayMs, loop.signal);
  }
}

/**
 * One attempt under its deadline: one controller, one timer and one listener on the run's signal, made
 * here and nowhere else (a callee given `timeoutMs` adds none). A deadline that fires is a timeout, the
 * run's own abort is not.
 */
async function attemptOnce<R extends AttemptResult>(loop: AttemptLoop<R>): Promise<R> {
  const { timeoutMs } = loop;
  const deadline = timeoutMs === undefined ? undefined : startDeadline(loop.signal, timeoutMs);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let result: R;
  try {
    result = await loop.send(deadline?.signal ?? loop.signal, timeoutMs);
  } catch (error) {
    // Failures come back as data; a throw is a bug in the callee, and still must not stop the run.
    const message = error instanceof Error ? error.message : String(error);
    const failed = `${loop.caller} failed: ${message}`;
    return loop.failure({ kind: "bad_response", message: failed, retryable: false }, elapsed());
  } finally {
    deadline?.dispose();
  }
  // A callee that does not read the deadline (a custom module) may call it an abort; it was a timeout.
  const seen: AttemptResult = result;
  if (
    deadline &&
    timeoutMs !== undefined &&
    !seen.ok &&
    seen.error.kind === "aborted" &&
    abortState(deadline.signal, timeoutMs).timedOut
  ) {
    const message = `no answer within ${timeoutMs} ms`;
    return loop.failure({ kind: "timeout", message, retryable: true }, elapsed());
  }
  return result;
}

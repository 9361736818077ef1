// The attempts of one call: cache lookup, then attempts with timeout and backoff until a terminal result.
import type {
  CallError,
  CompletionRequest,
  CompletionResult,
  Provider,
  RateLimit,
  Usage,
} from "../core/types.js";
import { abortState, startDeadline } from "../providers/call-scope.js";
import type { CachedResponse } from "../store/index.js";
import type { RunListener } from "./events.js";
import {
  backoffMs,
  exhaustedPauseMs,
  MAX_RETRY_AFTER_MS,
  type ModelGate,
  type RetryPolicy,
  sleep,
} from "./retry.js";

export interface CallPlan {
  provider: Provider;
  request: CompletionRequest;
  modelId: string;
  rep: number;
  timeoutMs: number;
  retry: RetryPolicy;
  gate: ModelGate;
  /** Told how every attempt went, so the model's concurrency follows the provider's limits. */
  limiter?: AttemptObserver;
  /** Looks the call up first; storing a fresh answer is the caller's, with the call itself. */
  cache?: { key: string; get(key: string): CachedResponse | undefined };
  signal: AbortSignal;
  emit: RunListener;
}

/** What AdaptiveLimit hears from each attempt; `epoch` is noted as an attempt goes out and handed back with its 429. */
export interface AttemptObserver {
  readonly epoch: number;
  onSuccess(rateLimit?: RateLimit): void;
  onRateLimited(rateLimit?: RateLimit, sentAtEpoch?: number): void;
}

export interface CallResult {
  text: string | null;
  error: CallError | null;
  usage: Usage;
  raw: unknown;
  latencyMs: number;
  attempts: number;
  fromCache: boolean;
  /** The provider's reason for stopping, of an answer (cached with it). */
  finishReason: string | null;
}

const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };

export async function callWithRetries(plan: CallPlan): Promise<CallResult> {
  const cached = plan.cache?.get(plan.cache.key);
  if (cached) {
    return {
      text: cached.text,
      error: null,
      usage: cached.usage,
      raw: undefined,
      latencyMs: cached.latencyMs,
      attempts: 0,
      fromCache: true,
      finishReason: cached.finishReason,
    };
  }
  let attempt = 0;
  let waitedMs = 0;
  for (;;) {
    await plan.gate.wait(plan.signal);
    const epoch = plan.limiter?.epoch;
    const started = performance.now();
    const result = await attemptOnce(plan);
    const measuredMs = Math.round(performance.now() - started);
    if (result.ok) plan.limiter?.onSuccess(result.rateLimit);
    else if (result.error.kind === "rate_limit") plan.limiter?.onRateLimited(result.error.rateLimit, epoch);
    // A replay knows the latency the call really had; the wall clock here measured a file lookup.
    const latencyMs = result.ok && result.latencyMs !== undefined ? result.latencyMs : measuredMs;
    attempt++;
    // Any response, answer or error, may say the model's quota is used up until some time: hold back
    // every call to the model until then rather than collect a 429 each.
    const exhaustedMs = exhaustedPauseMs(result.ok ? result.rateLimit : result.error.rateLimit);
    if (exhaustedMs !== undefined) plan.gate.pause(exhaustedMs);
    if (result.ok) {
      return {
        text: result.text,
        error: null,
        usage: result.usage,
        raw: result.raw,
        latencyMs,
        attempts: attempt,
        fromCache: false,
        finishReason: result.finishReason ?? null,
      };
    }
    const error = result.error;
    const retriesLeft = attempt <= plan.retry.maxRetries;
    const delayMs = backoffMs(error, attempt - 1, plan.retry);
    const withinBudget = waitedMs + delayMs <= (plan.retry.maxTotalWaitMs ?? MAX_RETRY_AFTER_MS);
    if (!error.retryable || !retriesLeft || !withinBudget || plan.signal.aborted) {
      return {
        text: null,
        error,
        usage: result.usage ?? NO_USAGE,
        raw: result.raw,
        latencyMs,
        attempts: attempt,
        fromCache: false,
        finishReason: null,
      };
    }
    waitedMs += delayMs;
    if (error.kind === "rate_limit") plan.gate.pause(delayMs);
    plan.emit({
      type: "call-retrying",
      modelId: plan.modelId,
      caseId: plan.request.caseId,
      attempt,
      delayMs,
      errorKind: error.kind,
    });
    await sleep(delayMs, plan.signal);
  }
}

/**
 * One attempt under the call's deadline: one controller, one timer and one listener on the run's signal, made
 * here and nowhere else (a provider given `timeoutMs` adds none). A deadline that fires is a timeout, the
 * run's own abort is not.
 */
async function attemptOnce(plan: CallPlan): Promise<CompletionResult> {
  const deadline = startDeadline(plan.signal, plan.timeoutMs);
  let result: CompletionResult;
  try {
    result = await plan.provider.complete(plan.request, {
      signal: deadline.signal,
      timeoutMs: plan.timeoutMs,
    });
  } catch (error) {
    // Providers return failures as data; a throw is a bug in one, and still must not stop the run.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { kind: "bad_response", message: `provider failed: ${message}`, retryable: false },
    };
  } finally {
    deadline.dispose();
  }
  // A provider that does not read the deadline (a custom module) may call it an abort; it was a timeout.
  if (!result.ok && result.error.kind === "aborted" && abortState(deadline.signal, plan.timeoutMs).timedOut) {
    return {
      ...result,
      error: { kind: "timeout", message: `no answer within ${plan.timeoutMs} ms`, retryable: true },
    };
  }
  return result;
}

// The attempts of one model call: the shared attempt loop until a terminal result, or an answer from the cache.
import type { CallError, CompletionRequest, CompletionResult, Provider, Usage } from "../core/types.js";
import type { CachedResponse } from "../store/index.js";
import { type AttemptObserver, runAttempts } from "./attempt-loop.js";
import type { RunListener } from "./events.js";
import type { ModelGate, RetryPolicy } from "./retry.js";

export type { AttemptObserver } from "./attempt-loop.js";

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
  signal: AbortSignal;
  emit: RunListener;
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

/** A call the cache answered: no attempt, and the latency the call had when it was made. */
export function cachedResult(cached: CachedResponse): CallResult {
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

export async function callWithRetries(plan: CallPlan): Promise<CallResult> {
  const { result, attempts, measuredMs } = await runAttempts<CompletionResult>({
    caller: "provider",
    send: (signal, timeoutMs) =>
      plan.provider.complete(plan.request, timeoutMs === undefined ? { signal } : { signal, timeoutMs }),
    failure: (error) => ({ ok: false, error }),
    timeoutMs: plan.timeoutMs,
    retry: plan.retry,
    gate: plan.gate,
    ...(plan.limiter ? { limiter: plan.limiter } : {}),
    signal: plan.signal,
    onRetry: ({ attempt, delayMs, failed }) => {
      if (failed.ok) return;
      plan.emit({
        type: "call-retrying",
        modelId: plan.modelId,
        caseId: plan.request.caseId,
        attempt,
        delayMs,
        errorKind: failed.error.kind,
      });
    },
  });
  // A replay knows the latency the call really had; the wall clock here measured a file lookup.
  return callResult(result, result.ok ? (result.latencyMs ?? measuredMs) : measuredMs, attempts);
}

/** A provider's terminal result as the call path stores it: not from the cache, after `attempts` tries. */
export function callResult(result: CompletionResult, latencyMs: number, attempts: number): CallResult {
  if (result.ok) {
    return {
      text: result.text,
      error: null,
      usage: result.usage,
      raw: result.raw,
      latencyMs,
      attempts,
      fromCache: false,
      finishReason: result.finishReason ?? null,
    };
  }
  return {
    text: null,
    error: result.error,
    usage: result.usage ?? NO_USAGE,
    raw: result.raw,
    latencyMs,
    attempts,
    fromCache: false,
    finishReason: null,
  };
}

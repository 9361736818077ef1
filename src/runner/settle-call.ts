// Settles one call of the matrix: from the prepared case to the stored result and its event.
import type { Config, ModelConfig } from "../config/schema.js";
import type { CompletionRequest, Provider } from "../core/types.js";
import { costUsd, type Price } from "../providers/prices.js";
import { type CachedResponse, isConnectionLost, type Store } from "../store/index.js";
import { validateOutput } from "../validate/index.js";
import type { AdaptiveLimit } from "./adaptive-limit.js";
import { type CallResult, cachedResult, callWithRetries } from "./attempts.js";
import { cacheKey } from "./cache-key.js";
import type { PreparedCase } from "./case-requests.js";
import type { RunListener } from "./events.js";
import type { ModelGate, RetryPolicy } from "./retry.js";
import type { WriteBatch } from "./write-batch.js";

export interface ActiveModel {
  config: ModelConfig;
  provider: Provider;
}

/** What a run writes to: the store, or a fake of just these parts of it. */
export interface MatrixStore {
  calls: Pick<Store["calls"], "recordAll">;
  cache: Pick<Store["cache"], "get" | "getMany">;
}

/** What every call of one run shares. */
export interface RunContext {
  runId: string;
  store: MatrixStore;
  /** Where finished calls go: to the store, a turn's worth to a transaction. */
  writes: WriteBatch;
  schema: Config["schema"];
  repeat: number;
  signal: AbortSignal;
  emit: RunListener;
}

/** What every call to one model shares. */
export interface Lane {
  model: ActiveModel;
  gate: ModelGate;
  limit: AdaptiveLimit;
  retry: RetryPolicy;
  timeoutMs: number;
  price: Price | undefined;
  useCache: boolean;
  /** Whether this model is sent the redacted request. */
  redacts: boolean;
}

/** What the cache holds for a call: the key a fresh answer is stored under, and the answer when it has one. */
export interface CacheLookup {
  key: string;
  hit: CachedResponse | undefined;
}

/** What the model is sent: the redacted request when it is sent redacted. */
function requestFor(lane: Lane, prepared: PreparedCase) {
  return (lane.redacts ? prepared.redaction?.request : undefined) ?? prepared.rendered;
}

/** Looks a call up in the cache, keyed on what is sent; undefined when the model is not cached. */
export function lookUp(
  run: RunContext,
  lane: Lane,
  prepared: PreparedCase,
  rep: number,
): CacheLookup | undefined {
  if (!lane.useCache) return undefined;
  const key = keyOf(run, lane, prepared, rep);
  return { key, hit: orNothing(() => run.store.cache.get(key), undefined) };
}

/** `lookUp` for several calls of a lane at once, in one read of the store. */
export function lookUpMany(
  run: RunContext,
  lane: Lane,
  calls: readonly { prepared: PreparedCase; rep: number }[],
): CacheLookup[] | undefined {
  if (!lane.useCache) return undefined;
  const keys = calls.map(({ prepared, rep }) => keyOf(run, lane, prepared, rep));
  const hits = orNothing(() => run.store.cache.getMany(keys), []);
  return keys.map((key, i) => ({ key, hit: hits[i] }));
}

/** What a call's answer is cached under: what the model is sent, and the repetition. */
function keyOf(run: RunContext, lane: Lane, prepared: PreparedCase, rep: number): string {
  return cacheKey(lane.model.config, requestFor(lane, prepared), rep, run.repeat);
}

/** A cache read; a store out of reach answers `nothing`: the call is sent, and its answer waits with the others. */
function orNothing<T>(read: () => T, nothing: T): T {
  try {
    return read();
  } catch (error) {
    if (isConnectionLost(error)) return nothing;
    throw error;
  }
}

/**
 * Sends one call (unless the cache answered it) and stores its terminal result; a call cut short by the
 * run's own stop stores nothing.
 */
export async function settleCall(
  run: RunContext,
  lane: Lane,
  prepared: PreparedCase,
  rep: number,
  cache: CacheLookup | undefined,
) {
  const { model } = lane;
  const modelId = model.config.id;
  const redaction = lane.redacts ? prepared.redaction : undefined;
  const request = requestFor(lane, prepared);
  const result = cache?.hit
    ? cachedResult(cache.hit)
    : await callWithRetries({
        provider: model.provider,
        request,
        modelId,
        rep,
        timeoutMs: lane.timeoutMs,
        retry: lane.retry,
        gate: lane.gate,
        limiter: lane.limit,
        signal: run.signal,
        emit: run.emit,
      });
  // A call cut short by the user's own stop has no terminal result: resume sends it again.
  if (result.error?.kind === "aborted" && run.signal.aborted) return;
  await recordResult(run, { modelId, price: lane.price, redaction }, request, rep, cache, result);
}

/** Whose answer a result is, and what storing it needs: its price and the redaction to undo. */
export interface ResultOwner {
  modelId: string;
  price: Price | undefined;
  redaction: PreparedCase["redaction"];
}

/**
 * Stores one call's terminal result, however it came (an attempt, the cache, a provider's batch): its
 * output validated, its cost, its answer put in the cache, and the event that says it ended.
 */
export async function recordResult(
  run: RunContext,
  { modelId, price, redaction }: ResultOwner,
  request: CompletionRequest,
  rep: number,
  cache: CacheLookup | undefined,
  result: CallResult,
  discount = 1,
): Promise<void> {
  // Stored text stays as received; the validated value gets the real values back, for scoring.
  const output =
    result.text === null
      ? null
      : validateOutput(redaction ? redaction.restore(result.text) : result.text, run.schema);
  const fresh = cache !== undefined && !result.fromCache && result.text !== null && result.error === null;
  await run.writes.add({
    runId: run.runId,
    caseId: request.caseId,
    modelId,
    rep,
    text: result.text,
    error: result.error,
    raw: result.raw,
    usage: result.usage,
    costUsd: scaled(costUsd(result.usage, price), discount),
    latencyMs: result.latencyMs,
    attempts: result.attempts,
    fromCache: result.fromCache,
    output,
    ...(fresh && result.text !== null
      ? {
          cache: {
            key: cache.key,
            response: {
              text: result.text,
              usage: result.usage,
              finishReason: result.finishReason,
              latencyMs: result.latencyMs,
            },
          },
        }
      : {}),
  });
  run.emit({
    type: "call-finished",
    modelId,
    caseId: request.caseId,
    rep,
    ok: result.error === null,
    valid: output ? output.ok : null,
    fromCache: result.fromCache,
    attempts: result.attempts,
    ...(result.error ? { errorKind: result.error.kind } : {}),
  });
}

/** A cost at a discount (a batch's price); unknown stays unknown. */
function scaled(cost: number | null, discount: number): number | null {
  return cost === null ? null : cost * discount;
}

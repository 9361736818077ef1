// Reading a batched model's batches back: each one the provider still holds is polled, and once it has
// ended its results are stored the way a normal call's are, read a line at a time however many there are.

import { RETRYABLE_ON_RESUME } from "../core/retryable.js";
import type { BatchState } from "../core/types.js";
import { isTransient } from "../providers/batch-lines.js";
import type { StoredBatch } from "../store/index.js";
import { callResult } from "./attempts.js";
import { type BatchLane, type BatchStageOptions, parseCustomId, requestOf } from "./batch-context.js";
import { recoverSubmission } from "./batch-submit.js";
import { cacheKey } from "./cache-key.js";
import { type RunContext, recordResult } from "./settle-call.js";

/** Results stored to a transaction: the write batch commits what was added in one turn of the event loop. */
const STORE_EVERY = 512;

/**
 * Polls the model's batches the provider holds and stores the results of those that ended. A submission
 * with no answer recorded is first looked for. Returns whether a batch ended or was found: what makes the
 * next poll come soon (a batch merely counting up does not).
 */
export async function pollBatches(
  options: BatchStageOptions,
  lane: BatchLane,
  run: RunContext,
): Promise<boolean> {
  let changed = false;
  for (const batch of options.store.batches.forRun(options.runId, lane.modelId)) {
    if (options.signal.aborted) break;
    if (batch.state === "collected") continue;
    try {
      if (batch.state === "submitting") {
        await recoverSubmission(options, lane, batch);
        changed = true;
      } else if (batch.batchId !== null && (await pollOne(options, lane, run, batch, batch.batchId))) {
        changed = true;
      }
    } catch (error) {
      // A poll, a look-up or a download that failed on the way (a connection cut mid-file): the batch stays
      // the provider's, and the next poll tries again, skipping what is stored. Anything else stops the run.
      if (!isTransient(error)) throw error;
      options.emit({
        type: "batch-retrying",
        modelId: lane.modelId,
        batchId: batch.batchId ?? `(submission ${batch.tag})`,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return changed;
}

/** Polls one batch, and stores its results when it has ended; returns whether it had. */
async function pollOne(
  options: BatchStageOptions,
  lane: BatchLane,
  run: RunContext,
  batch: StoredBatch,
  batchId: string,
): Promise<boolean> {
  const state = await lane.api.state(batchId);
  options.store.batches.update(batch.tag, state);
  options.emit({
    type: "batch-status",
    modelId: lane.modelId,
    batchId: state.id,
    status: state.status,
    total: state.counts.total,
    succeeded: state.counts.succeeded,
    failed: state.counts.failed,
    expiresAt: state.expiresAt,
  });
  if (!state.ended) return false;
  await collect(options, lane, run, batch, state);
  return true;
}

/**
 * Stores every result of an ended batch not stored yet, then marks it collected. A download cut short
 * leaves the batch uncollected: the next poll reads it again, and skips what this one stored.
 */
async function collect(
  options: BatchStageOptions,
  lane: BatchLane,
  run: RunContext,
  batch: StoredBatch,
  state: BatchState,
): Promise<void> {
  const { store, repeat } = options;
  // One bit per call of the run: set for this batch's calls still without a result. A line for any other
  // call (stored already, or not this batch's at all) is passed over.
  const awaiting = new Uint8Array(options.cases.length * repeat);
  for (const call of store.batches.awaiting(batch.tag, RETRYABLE_ON_RESUME))
    awaiting[call.idx * repeat + call.rep] = 1;
  // A batch answers no request alone: each one's latency is the batch's turnaround.
  const latencyMs = Math.max(
    0,
    Date.parse(state.endedAt ?? new Date().toISOString()) - Date.parse(state.createdAt),
  );
  const stores: Promise<void>[] = [];
  let results = 0;
  for await (const { customId, result } of lane.api.results(state.id)) {
    if (options.signal.aborted) break;
    const at = parseCustomId(customId);
    if (!at || at.rep >= repeat || awaiting[at.idx * repeat + at.rep] !== 1) continue;
    awaiting[at.idx * repeat + at.rep] = 0;
    const item = options.cases.at(at.idx);
    if (!item) continue;
    const prepared = lane.prepare(item);
    const request = requestOf(lane, prepared);
    const cache = lane.useCache
      ? { key: cacheKey(lane.model.config, request, at.rep, repeat), hit: undefined }
      : undefined;
    const owner = {
      modelId: lane.modelId,
      price: lane.price,
      redaction: lane.redacts ? prepared.redaction : undefined,
    };
    stores.push(
      recordResult(run, owner, request, at.rep, cache, callResult(result, latencyMs, 1), lane.api.discount),
    );
    results++;
    if (stores.length >= STORE_EVERY) await Promise.all(stores.splice(0));
  }
  await Promise.all(stores);
  // Stopped half way: the batch stays the provider's, and the next poll reads the rest.
  if (options.signal.aborted) return;
  store.batches.collected(batch.tag);
  options.emit({ type: "batch-collected", modelId: lane.modelId, batchId: state.id, results });
}

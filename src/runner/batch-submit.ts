// Sending a batched model's calls: the ones neither stored nor already with the provider, answered from the
// cache where it can, the rest written a line at a time into batch files no larger than the provider takes,
// each recorded in the store before it is sent.
import { randomUUID } from "node:crypto";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CallgradeError } from "../core/errors.js";
import { RETRYABLE_ON_RESUME } from "../core/retryable.js";
import type { BatchState } from "../core/types.js";
import { isTransient } from "../providers/batch-lines.js";
import type { BatchCall } from "../store/index.js";
import { cachedResult } from "./attempts.js";
import type { BatchLane, BatchStageOptions } from "./batch-context.js";
import { customId, requestOf } from "./batch-context.js";
import { cacheKey } from "./cache-key.js";
import { type RunContext, recordResult } from "./settle-call.js";

/** A call that failed in this many batches goes as a normal call, with the normal call's retries. */
export const BATCH_TRIES = 3;
/** Failed calls this few go as normal calls at once: a new batch would take hours for a minute's work. */
export const FEW_FOR_BATCH = 100;

/** What is left of a model's calls: for a new batch, and for the normal call path. */
export interface CallPlan {
  toBatch: BatchCall[];
  asCalls: BatchCall[];
}

/**
 * The model's calls that have no terminal result and are in no batch the provider still holds. A call
 * answered by the cache is stored here and now. One that failed in an earlier batch is sent again: in a
 * new batch while many failed, else (or after BATCH_TRIES batches) as a normal call, unless this process
 * already sent it so (`calledHere`): then a later resume takes it.
 */
export async function planCalls(
  options: BatchStageOptions,
  lane: BatchLane,
  run: RunContext,
  calledHere: ReadonlySet<string>,
): Promise<CallPlan> {
  const { store, runId, repeat } = options;
  const fresh: BatchCall[] = [];
  const failed: (BatchCall & { tries: number })[] = [];
  const stores: Promise<void>[] = [];
  for (let rep = 0; rep < repeat; rep++) {
    for (const { idx, tries } of store.batches.unsent(runId, lane.modelId, rep, RETRYABLE_ON_RESUME)) {
      const item = options.cases.at(idx);
      if (!item || calledHere.has(`${idx}:${rep}`)) continue;
      if (lane.useCache) {
        const prepared = lane.prepare(item);
        const request = requestOf(lane, prepared);
        const key = cacheKey(lane.model.config, request, rep, repeat);
        const hit = store.cache.get(key);
        if (hit) {
          const owner = {
            modelId: lane.modelId,
            price: lane.price,
            redaction: lane.redacts ? prepared.redaction : undefined,
          };
          stores.push(recordResult(run, owner, request, rep, { key, hit }, cachedResult(hit)));
          if (stores.length >= 512) await Promise.all(stores.splice(0));
          continue;
        }
      }
      if (tries === 0) fresh.push({ idx, rep });
      else failed.push({ idx, rep, tries });
    }
  }
  await Promise.all(stores);
  // Many failed: those with tries left go in a new batch. Few: all go as normal calls, at once.
  const many = failed.length > FEW_FOR_BATCH;
  const plan: CallPlan = { toBatch: fresh, asCalls: [] };
  for (const { idx, rep, tries } of failed) {
    (many && tries < BATCH_TRIES ? plan.toBatch : plan.asCalls).push({ idx, rep });
  }
  return plan;
}

/** Writes the calls into batch files within the provider's limits and submits each; resolves once all are. */
export async function submitCalls(options: BatchStageOptions, lane: BatchLane, calls: readonly BatchCall[]) {
  const { limits } = lane.api;
  const dir = mkdtempSync(path.join(tmpdir(), "callgrade-batch-"));
  try {
    let part: { file: string; fd: number; calls: BatchCall[]; bytes: number } | undefined;
    const send = async () => {
      if (!part) return;
      closeSync(part.fd);
      await submitFile(options, lane, part.file, part.calls);
      rmSync(part.file, { force: true });
      part = undefined;
    };
    for (const call of calls) {
      if (options.signal.aborted) break;
      const item = options.cases.at(call.idx);
      if (!item) continue;
      const line = `${lane.api.line(customId(call.idx, call.rep), requestOf(lane, lane.prepare(item)))}\n`;
      const bytes = Buffer.byteLength(line);
      if (bytes > limits.bytes) {
        throw new CallgradeError(
          "USAGE",
          `${lane.modelId}: case ${item.id}'s request is ${bytes} bytes, more than the provider takes in a whole batch (${limits.bytes}); send this model without batch`,
        );
      }
      if (part && (part.calls.length >= limits.requests || part.bytes + bytes > limits.bytes)) await send();
      if (!part) {
        const file = path.join(dir, `${randomUUID()}.jsonl`);
        part = { file, fd: openSync(file, "w"), calls: [], bytes: 0 };
      }
      writeSync(part.fd, line);
      part.calls.push(call);
      part.bytes += bytes;
    }
    if (part && options.signal.aborted) closeSync(part.fd);
    else await send();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One batch: in the store first (state submitting, under a fresh tag), then sent. A send that failed may
 * still have made the batch: it is looked for by its tag, and only a batch the provider does not have is
 * forgotten, so its calls go again.
 */
async function submitFile(options: BatchStageOptions, lane: BatchLane, file: string, calls: BatchCall[]) {
  const { store, runId } = options;
  const tag = randomUUID();
  const createdAt = new Date().toISOString();
  store.batches.open({ tag, runId, modelId: lane.modelId, createdAt }, calls);
  try {
    const state = await lane.api.submit(file, calls.length, tag);
    store.batches.update(tag, state);
    options.emit({
      type: "batch-submitted",
      modelId: lane.modelId,
      batchId: state.id,
      requests: calls.length,
      expiresAt: state.expiresAt,
    });
  } catch (error) {
    // The provider may have made the batch all the same: adopted if so, else its calls are free again.
    // Either way the failure is told: a send that failed once will fail the rest of the files too.
    let adopted = false;
    try {
      adopted = await recoverSubmission(options, lane, { tag, createdAt, requests: calls.length });
    } catch {
      // Not known either way: the submission stays recorded, and the next poll looks for it again.
    }
    if (!adopted) throw submitError(lane.modelId, error);
  }
}

/**
 * A submission with no answer recorded (the process died, or the send failed): adopts the provider's batch
 * when it has one, else forgets the submission. Returns whether the provider had it.
 */
export async function recoverSubmission(
  options: BatchStageOptions,
  lane: BatchLane,
  batch: { tag: string; createdAt: string; requests: number },
): Promise<boolean> {
  const known = new Set(
    options.store.batches
      .forRun(options.runId, lane.modelId)
      .map((b) => b.batchId)
      .filter((id): id is string => id !== null),
  );
  let found: BatchState | undefined;
  try {
    found = await lane.api.find(batch.tag, batch.createdAt, batch.requests, known);
  } catch (error) {
    // A provider that cannot list its batches at all (a server without a batch API answers 404) holds none
    // of them; one that failed on the way may hold it, and is asked again next time.
    if (isTransient(error)) throw error;
  }
  if (found) {
    options.store.batches.update(batch.tag, found);
    return true;
  }
  options.store.batches.drop(batch.tag);
  return false;
}

function submitError(modelId: string, error: unknown): CallgradeError {
  const why = error instanceof Error ? error.message : String(error);
  // Exit 3, as for a run left incomplete: what was stored stays, and a resume sends what is left.
  return new CallgradeError("BATCH", `${modelId}: the provider did not take the batch: ${why}`, 3);
}

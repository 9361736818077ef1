// The batch stage: the calls of the models sent through their providers' batch APIs. Each model is brought
// as far as it goes: its ended batches collected, its calls not yet sent submitted, its batches' failures
// sent again; then, waiting, the batches are polled (with a growing pause) until none is left.
import { setTimeout as sleep } from "node:timers/promises";
import { callKey } from "../store/index.js";
import { pollBatches } from "./batch-collect.js";
import { type BatchLane, type BatchStageOptions, batchLane } from "./batch-context.js";
import { type CallPlan, planCalls, submitCalls } from "./batch-submit.js";
import { callWrites, runMatrix } from "./matrix.js";
import type { RunContext } from "./settle-call.js";

export type { BatchStageOptions } from "./batch-context.js";

const DEFAULT_POLL_MS = 10_000;
const MAX_POLL_MS = 60_000;

/** Resolves when every batch has ended and is stored (waiting), or once all are submitted; returns how many are left. */
export async function batchStage(options: BatchStageOptions): Promise<number> {
  const run: RunContext = {
    runId: options.runId,
    store: options.store,
    writes: callWrites(options),
    schema: options.loaded.config.schema,
    repeat: options.repeat,
    signal: options.signal,
    emit: options.emit,
  };
  await Promise.all(options.models.map((model) => batchModel(options, batchLane(options, model), run)));
  return options.store.batches.waiting(options.runId);
}

async function batchModel(options: BatchStageOptions, lane: BatchLane, run: RunContext): Promise<void> {
  const calledHere = new Set<string>();
  let pause = options.pollMs ?? DEFAULT_POLL_MS;
  for (;;) {
    if (options.signal.aborted) return;
    const changed = await pollBatches(options, lane, run);
    const plan = await planCalls(options, lane, run, calledHere);
    if (plan.asCalls.length > 0) await callNormally(options, lane, plan, calledHere);
    if (plan.toBatch.length > 0) await submitCalls(options, lane, plan.toBatch);
    const left = options.store.batches
      .forRun(options.runId, lane.modelId)
      .some((b) => b.state !== "collected");
    if (!left && plan.toBatch.length === 0) return;
    if (!options.wait) return;
    // Something moved: look again soon. Nothing did: wait longer each time, up to a minute.
    pause =
      changed || plan.toBatch.length > 0
        ? (options.pollMs ?? DEFAULT_POLL_MS)
        : Math.min(pause * 2, MAX_POLL_MS);
    try {
      await sleep(pause, undefined, { signal: options.signal });
    } catch {
      return;
    }
  }
}

/** The calls a batch failed that go the normal way: the matrix, on exactly these calls, with its retries. */
async function callNormally(
  options: BatchStageOptions,
  lane: BatchLane,
  plan: CallPlan,
  calledHere: Set<string>,
) {
  const wanted = new Set(plan.asCalls.map((call) => `${call.idx}:${call.rep}`));
  const skip = new Set<string>();
  for (let idx = 0; idx < options.cases.length; idx++) {
    const id = options.cases.at(idx)?.id;
    if (id === undefined) continue;
    for (let rep = 0; rep < options.repeat; rep++) {
      if (!wanted.has(`${idx}:${rep}`)) skip.add(callKey(id, lane.modelId, rep));
    }
  }
  for (const at of wanted) calledHere.add(at);
  await runMatrix({
    runId: options.runId,
    loaded: options.loaded,
    cases: options.cases,
    models: [lane.model],
    prompt: options.prompt,
    store: options.store,
    concurrency: options.concurrency,
    repeat: options.repeat,
    useCache: options.useCache,
    signal: options.signal,
    emit: options.emit,
    skip,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.heldDir ? { heldDir: options.heldDir } : {}),
  });
}

// Where a run's provider batches stand, as the store last heard from the providers: no provider is asked.
import type { Suite } from "../config/suite.js";
import type { Store } from "../store/index.js";
import { findRun, type OpenStoreOptions, withStore } from "./store.js";

/** One provider batch of a run. */
export interface BatchInfo {
  modelId: string;
  /** The provider's id; null while a submission is unanswered. */
  batchId: string | null;
  /** `submitting` and `submitted` are still at the provider; `collected` has every result stored. */
  state: "submitting" | "submitted" | "collected";
  /** The provider's word for it when it was last asked ("in_progress", "completed", "ended", ...). */
  status: string | null;
  requests: number;
  succeeded: number;
  failed: number;
  createdAt: string;
  expiresAt: string | null;
}

export interface ListBatchesOptions extends Omit<OpenStoreOptions, "mustExist"> {
  /** @default the latest run */
  runId?: string;
}

/** The run's batches, oldest first. */
export function batchInfos(store: Store, runId: string): BatchInfo[] {
  return store.batches.forRun(runId).map((b) => ({
    modelId: b.modelId,
    batchId: b.batchId,
    state: b.state,
    status: b.status,
    requests: b.requests,
    succeeded: b.succeeded,
    failed: b.failed,
    createdAt: b.createdAt,
    expiresAt: b.expiresAt,
  }));
}

/**
 * A run's provider batches as the store has them: `callgrade run --resume` asks the providers and collects.
 * @example const { batches } = await listBatches(suite); console.log(batches.filter((b) => b.state !== "collected"));
 */
export async function listBatches(
  suite: Suite | undefined,
  options: ListBatchesOptions = {},
): Promise<{ runId: string; batches: BatchInfo[] }> {
  return withStore(suite, { ...options, mustExist: true }, (store) => {
    const run = findRun(store, options.runId);
    return { runId: run.id, batches: batchInfos(store, run.id) };
  });
}

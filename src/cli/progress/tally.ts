// Counts a run's events into what a progress display shows; both displays share it.
import type { RunEvent } from "../../runner/index.js";

export interface ModelTally {
  done: number;
  total: number;
  errors: number;
  invalid: number;
  cached: number;
}

export interface Tally {
  runId: string;
  total: number;
  done: number;
  retries: number;
  models: Record<string, ModelTally>;
  skipped: { id: string; reason: string }[];
  /** Why the store is being waited for, while it is. */
  storeWaiting?: string | undefined;
  /** The provider batches of the run not collected yet, by the provider's id: where each stands. */
  batches: Map<string, BatchProgress>;
}

export interface BatchProgress {
  modelId: string;
  status: string;
  done: number;
  total: number;
  expiresAt: string | null;
}

export function emptyTally(): Tally {
  return {
    runId: "",
    total: 0,
    done: 0,
    retries: 0,
    models: modelTallies([]),
    skipped: [],
    batches: new Map(),
  };
}

/**
 * Model ids are the user's: "__proto__" and "constructor" are valid ones, so the record has no prototype
 * whose members they could reach.
 */
function modelTallies(entries: [string, ModelTally][]): Record<string, ModelTally> {
  const models: Record<string, ModelTally> = Object.create(null);
  for (const [id, tally] of entries) models[id] = tally;
  return models;
}

/**
 * Counts one event into the tally, in place, and returns it. A cached rerun sends thousands of events a
 * second: copying the tally for each one was 5 ms of a 6,000-call rerun (npm run bench). The Ink display
 * draws it on a timer, handing it over as a new prop each time, so nothing needs a new object per event.
 */
export function applyEvent(tally: Tally, event: RunEvent): Tally {
  switch (event.type) {
    case "run-started": {
      const perModel = event.models.length === 0 ? 0 : event.totalCalls / event.models.length;
      tally.runId = event.runId;
      tally.total = event.totalCalls;
      tally.models = modelTallies(
        event.models.map((id) => [id, { done: 0, total: perModel, errors: 0, invalid: 0, cached: 0 }]),
      );
      return tally;
    }
    case "model-skipped":
      tally.skipped.push({ id: event.modelId, reason: event.reason });
      return tally;
    case "call-retrying":
      tally.retries++;
      return tally;
    case "call-finished": {
      let model = tally.models[event.modelId];
      if (!model) {
        model = { done: 0, total: 0, errors: 0, invalid: 0, cached: 0 };
        tally.models[event.modelId] = model;
      }
      model.done++;
      if (!event.ok) model.errors++;
      if (event.valid === false) model.invalid++;
      if (event.fromCache) model.cached++;
      tally.done++;
      return tally;
    }
    case "judge-started": {
      const judge = { done: 0, total: event.answers, errors: 0, invalid: 0, cached: 0 };
      tally.models[event.judgeId] = judge;
      tally.total += event.answers;
      return tally;
    }
    case "store-waiting":
      tally.storeWaiting = event.message;
      return tally;
    case "store-back":
      tally.storeWaiting = undefined;
      return tally;
    case "batch-submitted":
      tally.batches.set(event.batchId, {
        modelId: event.modelId,
        status: "submitted",
        done: 0,
        total: event.requests,
        expiresAt: event.expiresAt,
      });
      return tally;
    case "batch-status":
      tally.batches.set(event.batchId, {
        modelId: event.modelId,
        status: event.status,
        done: event.succeeded + event.failed,
        total: event.total,
        expiresAt: event.expiresAt,
      });
      return tally;
    case "batch-collected":
      tally.batches.delete(event.batchId);
      return tally;
    case "batch-retrying":
      return tally;
    case "concurrency-changed":
    case "run-finished":
    case "recognition-started":
    case "recognition-retrying":
    case "recognition-finished":
      return tally;
  }
}

// Counts a run's events into what a progress display shows; pure, so both displays share it.
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
}

export function emptyTally(): Tally {
  return { runId: "", total: 0, done: 0, retries: 0, models: {}, skipped: [] };
}

export function applyEvent(tally: Tally, event: RunEvent): Tally {
  switch (event.type) {
    case "run-started": {
      const perModel = event.models.length === 0 ? 0 : event.totalCalls / event.models.length;
      const models = Object.fromEntries(
        event.models.map((id) => [id, { done: 0, total: perModel, errors: 0, invalid: 0, cached: 0 }]),
      );
      return { ...tally, runId: event.runId, total: event.totalCalls, models };
    }
    case "model-skipped":
      return { ...tally, skipped: [...tally.skipped, { id: event.modelId, reason: event.reason }] };
    case "call-retrying":
      return { ...tally, retries: tally.retries + 1 };
    case "call-finished": {
      const model = tally.models[event.modelId] ?? { done: 0, total: 0, errors: 0, invalid: 0, cached: 0 };
      const next: ModelTally = {
        ...model,
        done: model.done + 1,
        errors: model.errors + (event.ok ? 0 : 1),
        invalid: model.invalid + (event.valid === false ? 1 : 0),
        cached: model.cached + (event.fromCache ? 1 : 0),
      };
      return { ...tally, done: tally.done + 1, models: { ...tally.models, [event.modelId]: next } };
    }
    case "concurrency-changed":
    case "run-finished":
    case "recognition-started":
    case "recognition-retrying":
    case "recognition-finished":
      return tally;
  }
}

// A suite's runs over time: each run's hashes, status and each model's mean field accuracy, read from the
// scores the store already holds (a few rows per model and field), so listing many runs never re-scores one.
import type { RunSummary } from "../core/summary.js";
import { isAutoScored } from "../scoring/matchers/index.js";
import { addOutcome, mean, noOutcomes, type OutcomeCounts } from "../scoring/metrics.js";
import type { RunListItem, RunListOptions, Store } from "../store/index.js";

/** How many runs report.html's history reaches back. */
export const HISTORY_RUNS = 30;

export interface HistoryRun {
  runId: string;
  suite: string;
  createdAt: string;
  status: RunListItem["status"];
  hashes: RunListItem["hashes"];
  /** `none`: never scored; `stale`: calls or grades changed since (`callgrade report <runId>` re-scores it). */
  scoring: RunListItem["scoring"];
  /**
   * Each model's mean field accuracy, as the run's summary.json gives it; null where the run has no figure
   * (never scored, still running, or no auto-scored field answered).
   */
  models: { id: string; fieldAccuracy: number | null }[];
}

/** Runs newest first, each with its models' field accuracy. */
export function runHistory(store: Store, options: RunListOptions = {}): HistoryRun[] {
  return store.runs.list(options).map((run) => historyRun(store, run));
}

function historyRun(store: Store, run: RunListItem): HistoryRun {
  const measured = run.scoring !== "none" && run.status !== "running";
  const accuracy = measured ? fieldAccuracies(store, run) : new Map<string, number | null>();
  return {
    runId: run.id,
    suite: run.suite,
    createdAt: run.createdAt,
    status: run.status,
    hashes: run.hashes,
    scoring: run.scoring,
    models: run.models.map((model) => ({ id: model.id, fieldAccuracy: accuracy.get(model.id) ?? null })),
  };
}

/** model id → the mean of its auto-scored fields' accuracies, in the run's field order, as buildSummary does. */
function fieldAccuracies(store: Store, run: RunListItem): Map<string, number | null> {
  const counts = new Map<string, Map<string, OutcomeCounts>>();
  for (const row of store.results.outcomeCounts(run.id)) {
    const byField = counts.get(row.modelId) ?? new Map<string, OutcomeCounts>();
    counts.set(row.modelId, byField);
    const field = byField.get(row.field) ?? noOutcomes();
    byField.set(row.field, field);
    addOutcome(field, row.outcome, row.correct, row.goldNone, row.n);
  }
  const scored = run.fields.filter((field) => isAutoScored(field.match));
  const result = new Map<string, number | null>();
  for (const [model, byField] of counts) {
    const accuracies = scored.flatMap((field) => {
      const c = byField.get(field.name);
      return c && c.n > 0 ? [c.correct / c.n] : [];
    });
    result.set(model, mean(accuracies));
  }
  return result;
}

/**
 * report.html's history: the suite's runs up to this one, oldest first, at most HISTORY_RUNS. This run's
 * figures come from its summary, just re-scored; a report of an old run shows the history it had then.
 */
export function reportHistory(store: Store, summary: RunSummary): HistoryRun[] {
  const runs = runHistory(store, {
    suite: summary.suite,
    upTo: summary.runId,
    limit: HISTORY_RUNS,
  }).reverse();
  const current = runs.at(-1);
  if (current?.runId === summary.runId) {
    current.scoring = "current";
    current.models = summary.models.map((m) => ({ id: m.id, fieldAccuracy: m.fieldAccuracy }));
  }
  return runs;
}

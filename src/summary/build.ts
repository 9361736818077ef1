// Builds summary.json from what the store holds for a run: every number is computed here, from stored rows.
// Calls are tallied in one streamed pass grouped by model, and outcomes counted by the store: a run of any
// size costs a few numbers per model, not its rows.
import type { ModelSummary, RunSummary } from "../core/summary.js";
import { matchContext } from "../scoring/context.js";
import { isAutoScored } from "../scoring/matchers/index.js";
import {
  addOutcome,
  fieldMetricsFromCounts,
  mean,
  noOutcomes,
  type OutcomeCounts,
} from "../scoring/metrics.js";
import { fromSorted } from "../scoring/sorted-stream.js";
import type { CallOutput, CallTallyRow } from "../store/calls.js";
import type { RunRecord, Store } from "../store/index.js";
import { confusionMatrices } from "./confusion.js";
import { callFailures } from "./failures.js";
import { humanSummary, reviewNotes } from "./human.js";
import { judgeSummary } from "./judge.js";
import { robustnessSummary } from "./robustness.js";
import { slicesSummary } from "./slices.js";
import { asrSummary } from "./voice.js";

/** What a model's calls add up to, in `forRun` order: sums of floats (cost) must not vary by run. */
interface CallTally {
  calls: number;
  answered: number;
  valid: number;
  cached: number;
  errorsByKind: Record<string, number>;
  tokens: ModelSummary["tokens"];
  cost: number;
  unpriced: boolean;
}

export interface SummaryOptions {
  /** Meta keys to slice accuracy by (the suite's `slices`). @default none */
  slices?: readonly string[] | undefined;
}

export function buildSummary(store: Store, run: RunRecord, options: SummaryOptions = {}): RunSummary {
  const tallies = tallyCalls(store.calls.tallies(run.id));
  const outcomes = countOutcomes(store, run.id);
  const models = run.models.map((model) =>
    modelSummary(store, model, run, tallies.get(model.id) ?? newTally(), outcomes.get(model.id)),
  );
  const unscored: Record<string, string[]> = {};
  // A model that answered every repetition of every case left none unanswered: no need to look for one.
  const complete = store.runs.caseCount(run.id) * run.repeat;
  for (const model of run.models) {
    if ((tallies.get(model.id)?.answered ?? 0) === complete) continue;
    const missing = store.runs.unanswered(run.id, model.id);
    if (missing.length > 0) unscored[model.id] = missing;
  }
  const human = humanSummary({
    run,
    grades: store.review.grades(run.id),
    load: () => ({
      cases: [...store.runs.casePages(run.id)].flat(),
      answers: firstAnswers(store, run),
      agreedCases: new Set(
        store.results
          .agreement(run.id)
          .filter((row) => row.agreed)
          .map((row) => `${row.caseId}\0${row.field}`),
      ),
    }),
  });
  const failures = callFailures(store, run.id);
  const confusion = confusionMatrices(store, run);
  const judge =
    store.judgements.count(run.id) === 0
      ? undefined
      : judgeSummary({
          run,
          items: store.review.items(run.id),
          grades: store.review.grades(run.id),
          judgements: store.judgements.forRun(run.id),
          contextOf: (item) =>
            matchContext(
              run.scoring,
              store.runs.casesAt(run.id, item.caseIdx, item.caseIdx + 1)[0] ?? { meta: {} },
            ),
        });
  for (const model of models) {
    const fields = human.accuracy[model.id];
    if (fields && Object.keys(fields).length > 0) model.human = fields;
    const failed = failures.get(model.id);
    if (failed) model.failures = failed;
    const matrices = confusion.get(model.id);
    if (matrices) model.confusion = matrices;
  }
  return {
    runId: run.id,
    suite: run.suite,
    createdAt: run.createdAt,
    status: run.status,
    caseCount: store.runs.caseCount(run.id),
    repeat: run.repeat,
    hashes: run.hashes,
    models,
    skippedModels: run.skipped,
    agreement: agreementByField(store, run),
    review: {
      ...store.results.reviewCount(run.id),
      graded: human.graded,
      contested: human.contested,
      interRater: human.agreement,
      ...reviewNotes(store.review.notes(run.id)),
    },
    unscored,
    ...(judge ? { judge } : {}),
    ...voiceSections(store, run),
    ...(options.slices?.length ? { slices: slicesSummary(store, run, options.slices) } : {}),
  };
}

/** The voice stage's and the robustness sections, each only when the run has what it reports on. */
function voiceSections(store: Store, run: RunRecord): Pick<RunSummary, "asr" | "robustness"> {
  const robustness = robustnessSummary(store, run);
  return {
    ...(run.recognisers.length > 0 ? { asr: asrSummary(store, run) } : {}),
    ...(robustness ? { robustness } : {}),
  };
}

function newTally(): CallTally {
  return {
    calls: 0,
    answered: 0,
    valid: 0,
    cached: 0,
    errorsByKind: {},
    tokens: { input: 0, output: 0, cachedInput: 0 },
    cost: 0,
    unpriced: false,
  };
}

function tallyCalls(rows: readonly CallTallyRow[]): Map<string, CallTally> {
  const tallies = new Map<string, CallTally>();
  for (const row of rows) {
    let tally = tallies.get(row.modelId);
    if (!tally) {
      tally = newTally();
      tallies.set(row.modelId, tally);
    }
    tally.calls += row.calls;
    tally.cached += row.cached;
    if (row.status === "error") {
      const kind = row.errorKind ?? "unknown";
      tally.errorsByKind[kind] = (tally.errorsByKind[kind] ?? 0) + row.calls;
      continue;
    }
    tally.answered += row.calls;
    tally.valid += row.valid;
    tally.tokens.input += row.inputTokens;
    tally.tokens.output += row.outputTokens;
    tally.tokens.cachedInput += row.cachedInputTokens;
    if (row.unpriced > 0) tally.unpriced = true;
    tally.cost += row.cost;
  }
  return tallies;
}

/** model id → field → counts of its outcomes. */
function countOutcomes(store: Store, runId: string): Map<string, Map<string, OutcomeCounts>> {
  const result = new Map<string, Map<string, OutcomeCounts>>();
  for (const row of store.results.outcomeCounts(runId)) {
    const byField = result.get(row.modelId) ?? new Map<string, OutcomeCounts>();
    result.set(row.modelId, byField);
    const counts = byField.get(row.field) ?? noOutcomes();
    byField.set(row.field, counts);
    addOutcome(counts, row.outcome, row.correct, row.goldNone, row.n);
  }
  return result;
}

function modelSummary(
  store: Store,
  model: RunRecord["models"][number],
  run: RunRecord,
  tally: CallTally,
  outcomes: Map<string, OutcomeCounts> | undefined,
): ModelSummary {
  const fields: ModelSummary["fields"] = {};
  for (const field of run.fields) {
    const counts = outcomes?.get(field.name);
    if (!isAutoScored(field.match) || !counts || (counts.n === 0 && counts.unreadable === 0)) continue;
    fields[field.name] = fieldMetricsFromCounts(counts);
  }
  const unreadable = Object.values(fields).reduce((sum, metrics) => sum + (metrics.unreadable ?? 0), 0);
  const accuracies = Object.values(fields)
    .map((metrics) => metrics.accuracy)
    .filter((value): value is number => value !== null);
  // The store sorts and streams the latencies: a run of any size costs two numbers here.
  const [p50, p95] = fromSorted(
    store.calls.latenciesInOrder(run.id, model.id),
    tally.answered,
    [50, 95],
  ).percentiles;
  return {
    id: model.id,
    provider: model.provider,
    model: model.model ?? null,
    calls: tally.calls,
    errors: tally.calls - tally.answered,
    errorsByKind: tally.errorsByKind,
    cachedCalls: tally.cached,
    schemaValidRate: tally.answered === 0 ? null : tally.valid / tally.answered,
    fieldAccuracy: accuracies.length === 0 ? null : mean(accuracies),
    fields,
    ...(unreadable > 0 ? { unreadable } : {}),
    ...(model.transcript ? { transcript: model.transcript } : {}),
    latencyMs: {
      p50: p50 ?? null,
      p95: p95 ?? null,
    },
    tokens: tally.tokens,
    costUsd: tally.unpriced || tally.answered === 0 ? null : tally.cost,
  };
}

/** Each model's answer on the first repetition of each case, keyed `modelId\0caseId`. */
function firstAnswers(store: Store, run: RunRecord): Map<string, CallOutput> {
  const answers = new Map<string, CallOutput>();
  for (const page of store.runs.casePages(run.id)) {
    const calls = store.calls.outputsOf(
      run.id,
      page.map((item) => item.id),
    );
    for (const call of calls) if (call.rep === 0) answers.set(`${call.modelId}\0${call.caseId}`, call);
  }
  return answers;
}

function agreementByField(store: Store, run: RunRecord): RunSummary["agreement"] {
  const counts = new Map(store.results.agreementCounts(run.id).map((row) => [row.field, row]));
  const result: RunSummary["agreement"] = {};
  for (const field of run.fields) {
    const count = counts.get(field.name);
    if (!count || count.n === 0) continue;
    result[field.name] = { rate: count.agreed / count.n, n: count.n };
  }
  return result;
}

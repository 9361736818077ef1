// Builds summary.json from what the store holds for a run: every number is computed here, from stored rows.
import type { ModelSummary, RunSummary } from "../core/summary.js";
import { isAutoScored } from "../scoring/matchers/index.js";
import { fieldMetrics, mean, percentile } from "../scoring/metrics.js";
import type { FieldOutcome } from "../scoring/score.js";
import type { AgreementRow, RunRecord, ScoreRow, Store, StoredCall } from "../store/index.js";
import { humanSummary } from "./human.js";

export function buildSummary(store: Store, run: RunRecord): RunSummary {
  const calls = store.calls.forRun(run.id);
  const scores = store.results.scores(run.id);
  const cases = store.runs.cases(run.id);
  const caseIds = cases.map((item) => item.id);
  const models = run.models.map((model) =>
    modelSummary(
      model,
      run,
      calls.filter((call) => call.modelId === model.id),
      scores.filter((score) => score.modelId === model.id),
    ),
  );
  const unscored: Record<string, string[]> = {};
  for (const model of run.models) {
    const answered = new Set(
      calls.filter((c) => c.modelId === model.id && c.status === "ok").map((c) => c.caseId),
    );
    const missing = caseIds.filter((id) => !answered.has(id));
    if (missing.length > 0) unscored[model.id] = missing;
  }
  const agreementRows = store.results.agreement(run.id);
  const human = humanSummary({
    run,
    cases,
    calls,
    grades: store.review.grades(run.id),
    agreedCases: new Set(
      agreementRows.filter((row) => row.agreed).map((row) => `${row.caseId}\0${row.field}`),
    ),
  });
  for (const model of models) {
    const fields = human.accuracy[model.id];
    if (fields && Object.keys(fields).length > 0) model.human = fields;
  }
  return {
    runId: run.id,
    suite: run.suite,
    createdAt: run.createdAt,
    status: run.status,
    caseCount: caseIds.length,
    repeat: run.repeat,
    hashes: run.hashes,
    models,
    skippedModels: run.skipped,
    agreement: agreementByField(run, agreementRows),
    review: {
      ...store.results.reviewCount(run.id),
      graded: human.graded,
      contested: human.contested,
      interRater: human.agreement,
    },
    unscored,
  };
}

function modelSummary(
  model: RunRecord["models"][number],
  run: RunRecord,
  calls: StoredCall[],
  scores: ScoreRow[],
): ModelSummary {
  const answered = calls.filter((call) => call.status === "ok");
  const errorsByKind: Record<string, number> = {};
  for (const call of calls) {
    if (call.status === "error")
      errorsByKind[call.errorKind ?? "unknown"] = (errorsByKind[call.errorKind ?? "unknown"] ?? 0) + 1;
  }
  const fields: ModelSummary["fields"] = {};
  for (const field of run.fields) {
    if (!isAutoScored(field.match)) continue;
    const outcomes = scores.filter((score) => score.field === field.name).map(toOutcome);
    if (outcomes.length === 0) continue;
    fields[field.name] = fieldMetrics(outcomes);
  }
  const accuracies = Object.values(fields)
    .map((metrics) => metrics.accuracy)
    .filter((value): value is number => value !== null);
  const latencies = answered.map((call) => call.latencyMs).sort((a, b) => a - b);
  const costs = answered.map((call) => call.costUsd);
  return {
    id: model.id,
    provider: model.provider,
    model: model.model ?? null,
    calls: calls.length,
    errors: calls.length - answered.length,
    errorsByKind,
    cachedCalls: calls.filter((call) => call.fromCache).length,
    schemaValidRate:
      answered.length === 0 ? null : answered.filter((call) => call.valid).length / answered.length,
    fieldAccuracy: accuracies.length === 0 ? null : mean(accuracies),
    fields,
    latencyMs: {
      p50: latencies.length ? percentile(latencies, 50) : null,
      p95: latencies.length ? percentile(latencies, 95) : null,
    },
    tokens: {
      input: sum(answered.map((call) => call.inputTokens)),
      output: sum(answered.map((call) => call.outputTokens)),
      cachedInput: sum(answered.map((call) => call.cachedInputTokens)),
    },
    costUsd: costs.some((cost) => cost === null) || costs.length === 0 ? null : sum(costs as number[]),
  };
}

function toOutcome(score: ScoreRow): FieldOutcome {
  return {
    field: score.field,
    correct: score.correct,
    outcome: score.outcome as FieldOutcome["outcome"],
    gold: score.gold as FieldOutcome["gold"],
    predicted: score.predicted as FieldOutcome["predicted"],
  };
}

function agreementByField(run: RunRecord, rows: AgreementRow[]): RunSummary["agreement"] {
  const result: RunSummary["agreement"] = {};
  for (const field of run.fields) {
    const forField = rows.filter((row) => row.field === field.name);
    if (forField.length === 0) continue;
    result[field.name] = {
      rate: forField.filter((row) => row.agreed).length / forField.length,
      n: forField.length,
    };
  }
  return result;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

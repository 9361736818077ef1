// Threshold checks on one run: a limit per metric and model, decided with the metric's 95% interval.
import type { ThresholdConfig } from "../config/schema.js";
import { CallgradeError } from "../core/errors.js";
import type { ModelSummary } from "../core/summary.js";
import { wilson } from "../scoring/metrics.js";
import { decideLimit, type Policy } from "./decide.js";
import { fieldOutcomes, meanFieldAccuracy } from "./outcomes.js";
import { pairedBootstrap } from "./stats/index.js";
import type { Baseline, GateCheck } from "./types.js";

interface Measured {
  observed: number | null;
  interval?: [number, number];
  n: number;
  /** Why the interval is ignored: latency and cost thresholds compare the point estimate. */
  pointOnly?: boolean;
}

export function thresholdChecks(
  run: Baseline,
  thresholds: ThresholdConfig[],
  policy: Policy,
  resamples: number,
): GateCheck[] {
  const checks: GateCheck[] = [];
  for (const [index, threshold] of thresholds.entries()) {
    const models = threshold.model ? run.models.filter((m) => m.id === threshold.model) : run.models;
    if (threshold.model && models.length === 0) {
      throw new CallgradeError(
        "CONFIG_INVALID",
        `gates.thresholds.${index}.model: no model "${threshold.model}" in run ${run.runId}; it has ${run.models.map((m) => m.id).join(", ")}`,
      );
    }
    for (const model of models) checks.push(check(run, model, threshold, policy, resamples, index));
  }
  return checks;
}

function check(
  run: Baseline,
  model: ModelSummary,
  threshold: ThresholdConfig,
  policy: Policy,
  resamples: number,
  index: number,
): GateCheck {
  const measured = measure(run, model, threshold, resamples, index);
  const limit = {
    ...(threshold.min === undefined ? {} : { min: threshold.min }),
    ...(threshold.max === undefined ? {} : { max: threshold.max }),
  };
  const target = [threshold.metric, model.id, threshold.field].filter(Boolean).join(":");
  const base = {
    id: `threshold:${target}`,
    kind: "threshold" as const,
    metric: threshold.field ? `accuracy` : threshold.metric,
    model: model.id,
    ...(threshold.field ? { field: threshold.field } : {}),
    observed: measured.observed,
    ...(measured.interval ? { interval: measured.interval } : {}),
    limit,
    n: measured.n,
  };
  if (measured.observed === null) {
    return { ...base, verdict: "inconclusive", message: `${target}: nothing to measure (no scored calls)` };
  }
  const verdict = decideLimit(
    measured.observed,
    measured.pointOnly ? undefined : measured.interval,
    limit,
    policy,
  );
  const bound = [
    limit.min === undefined ? "" : `≥ ${limit.min}`,
    limit.max === undefined ? "" : `≤ ${limit.max}`,
  ]
    .filter(Boolean)
    .join(" and ");
  const ci = measured.interval ? ` (95% CI ${fmt(measured.interval[0])}–${fmt(measured.interval[1])})` : "";
  const why =
    verdict === "inconclusive"
      ? "; the point estimate meets the limit but the interval does not (policy lower-bound): more calls would tell"
      : measured.pointOnly
        ? "; compared on the point estimate"
        : "";
  return {
    ...base,
    verdict,
    message: `${target} = ${fmt(measured.observed)}${ci}, needs ${bound}, n=${measured.n}${why}`,
  };
}

function measure(
  run: Baseline,
  model: ModelSummary,
  t: ThresholdConfig,
  resamples: number,
  index: number,
): Measured {
  const answered = model.calls - model.errors;
  switch (t.metric) {
    case "fieldAccuracy": {
      if (t.field) {
        const field = model.fields[t.field];
        if (!field) {
          throw new CallgradeError(
            "CONFIG_INVALID",
            `gates.thresholds.${index}.field: "${t.field}" has no accuracy for ${model.id}; scored fields: ${Object.keys(model.fields).join(", ")}`,
          );
        }
        return { observed: field.accuracy, ...(field.ci95 ? { interval: field.ci95 } : {}), n: field.n };
      }
      return { observed: model.fieldAccuracy, ...fieldAccuracyInterval(run, model.id, resamples) };
    }
    case "schemaValidRate": {
      const valid = Math.round((model.schemaValidRate ?? 0) * answered);
      return { observed: model.schemaValidRate, interval: wilson(valid, answered), n: answered };
    }
    case "errorRate":
      return {
        observed: model.calls === 0 ? null : model.errors / model.calls,
        interval: wilson(model.errors, model.calls),
        n: model.calls,
      };
    case "latencyMs.p50":
      return { observed: model.latencyMs.p50, n: answered, pointOnly: true };
    case "latencyMs.p95":
      return { observed: model.latencyMs.p95, n: answered, pointOnly: true };
    case "costUsd.perCall":
      return {
        observed: model.costUsd === null || answered === 0 ? null : model.costUsd / answered,
        n: answered,
        pointOnly: true,
      };
    case "costUsd.total":
      return { observed: model.costUsd, n: answered, pointOnly: true };
  }
}

/** The mean of per-field accuracies has no closed-form interval: bootstrap it over calls. */
function fieldAccuracyInterval(
  run: Baseline,
  modelId: string,
  resamples: number,
): { interval?: [number, number]; n: number } {
  const model = run.baseline.models.find((m) => m.id === modelId);
  if (!model) return { n: 0 };
  const fields = fieldOutcomes(model);
  const units = run.baseline.cases
    .map((_, i) => i)
    .filter((i) => fields.some((f) => (f.values[i] ?? -1) >= 0));
  const result = pairedBootstrap(units, (sample) => meanFieldAccuracy(fields, sample), { resamples });
  return { ...(result.interval ? { interval: result.interval } : {}), n: units.length };
}

function fmt(value: number): string {
  return Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(3).replace(/0+$/, "").replace(/\.$/, "");
}

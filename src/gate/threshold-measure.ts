// What a threshold measures on one run: the value, its 95% interval and, for rates, the p-value of "the value
// is exactly at the limit", which the threshold family shares α with (family.ts).
import type { ThresholdConfig } from "../config/schema.js";
import { CallgradeError } from "../core/errors.js";
import type { ModelSummary } from "../core/summary.js";
import { wilson } from "../scoring/metrics.js";
import { fieldOutcomes, meanFieldAccuracy } from "./outcomes.js";
import { normalUpperTail, pairedBootstrap } from "./stats/index.js";
import { measureSlice } from "./threshold-slice.js";
import type { Baseline } from "./types.js";

export interface Measured {
  observed: number | null;
  interval?: [number, number];
  n: number;
  /** Why the interval is ignored: latency and cost thresholds compare the point estimate. */
  pointOnly?: boolean;
  /** Rates: two-sided p-value at the limit (the largest over `min` and `max` when both are set). */
  pValue?: number;
}

type Limits = Pick<ThresholdConfig, "min" | "max">;

/**
 * Two-sided score-test p-value of "the rate is `limit`", `successes` of `n`: the test Wilson's interval
 * inverts, so p < 0.05 exactly when the 95% Wilson interval leaves the limit out. A limit at 0 or 1 (or
 * beyond) has no variance: one that every rate meets gives 0, one that no interval can show gives 1.
 */
export function rateP(observed: number, n: number, limit: number, side: "min" | "max"): number {
  if (n <= 0) return 1;
  if (limit <= 0 || limit >= 1) return (side === "min" ? limit <= 0 : limit >= 1) ? 0 : 1;
  const z = (observed - limit) / Math.sqrt((limit * (1 - limit)) / n);
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}

function rate(observed: number | null, n: number, limits: Limits): number | undefined {
  if (observed === null) return undefined;
  const sides = [
    ...(limits.min === undefined ? [] : [rateP(observed, n, limits.min, "min")]),
    ...(limits.max === undefined ? [] : [rateP(observed, n, limits.max, "max")]),
  ];
  return sides.length === 0 ? undefined : Math.max(...sides);
}

export function measure(
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
        if (t.slice) return measureSlice(run, model.id, t, index, rateP);
        if (!field.ci95) return { observed: field.accuracy, n: field.n };
        const pValue = rate(field.accuracy, field.n, t);
        return {
          observed: field.accuracy,
          interval: field.ci95,
          n: field.n,
          ...(pValue === undefined ? {} : { pValue }),
        };
      }
      if (t.slice) return measureSlice(run, model.id, t, index, rateP);
      return { observed: model.fieldAccuracy, ...fieldAccuracyInterval(run, model.id, resamples, t) };
    }
    case "judgedAccuracy":
      return judgedAccuracy(run, model, t, index);
    case "schemaValidRate": {
      const valid = Math.round((model.schemaValidRate ?? 0) * answered);
      const pValue = rate(model.schemaValidRate, answered, t);
      return {
        observed: model.schemaValidRate,
        interval: wilson(valid, answered),
        n: answered,
        ...(pValue === undefined ? {} : { pValue }),
      };
    }
    case "errorRate": {
      const observed = model.calls === 0 ? null : model.errors / model.calls;
      const pValue = rate(observed, model.calls, t);
      return {
        observed,
        interval: wilson(model.errors, model.calls),
        n: model.calls,
        ...(pValue === undefined ? {} : { pValue }),
      };
    }
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

/** The mean of per-field accuracies has no closed-form interval or test: bootstrap them over calls. */
function fieldAccuracyInterval(
  run: Baseline,
  modelId: string,
  resamples: number,
  limits: Limits,
): Omit<Measured, "observed"> {
  const model = run.baseline.models.find((m) => m.id === modelId);
  if (!model) return { n: 0 };
  const fields = fieldOutcomes(model);
  const units = run.baseline.cases
    .map((_, i) => i)
    .filter((i) => fields.some((f) => (f.values[i] ?? -1) >= 0));
  const statistic = (sample: number[]) => meanFieldAccuracy(fields, sample);
  const at = [limits.min, limits.max].filter((x): x is number => x !== undefined);
  // The same seed draws the same resamples, so each limit's p-value reads one bootstrap distribution.
  const results = at.map((nullValue) => pairedBootstrap(units, statistic, { resamples, nullValue }));
  const first = results[0];
  const pValues = results.flatMap((r) => (r.pValue === null ? [] : [r.pValue]));
  const pValue = pValues.length === results.length && pValues.length > 0 ? Math.max(...pValues) : undefined;
  return {
    ...(first?.interval ? { interval: first.interval } : {}),
    n: units.length,
    ...(pValue === undefined ? {} : { pValue }),
  };
}

/**
 * A judged field's accuracy (the judge's verdicts corrected by people's grades): its 95% interval, and the
 * two-sided normal test at the limit with the estimate's standard error (the interval inverts it).
 */
function judgedAccuracy(run: Baseline, model: ModelSummary, t: ThresholdConfig, index: number): Measured {
  if (!t.field) {
    throw new CallgradeError(
      "CONFIG_INVALID",
      `gates.thresholds.${index}.field: judgedAccuracy needs a field`,
    );
  }
  const judged = run.judge?.fields[t.field]?.[model.id];
  if (!judged) {
    const fields = Object.keys(run.judge?.fields ?? {});
    throw new CallgradeError(
      "CONFIG_INVALID",
      `gates.thresholds.${index}.field: "${t.field}" has no judged accuracy for ${model.id}; judged fields: ${fields.length > 0 ? fields.join(", ") : "none (the run had no judge)"}`,
    );
  }
  const { estimate, lower, upper, standardError } = judged.estimate;
  if (estimate === null || standardError === null) return { observed: null, n: judged.n };
  const sides = [t.min, t.max].filter((limit): limit is number => limit !== undefined);
  const pValues = sides.map((limit) =>
    standardError === 0
      ? Number(estimate === limit)
      : Math.min(1, 2 * normalUpperTail(Math.abs(estimate - limit) / standardError)),
  );
  return {
    observed: estimate,
    interval: [lower, upper],
    n: judged.n,
    ...(pValues.length > 0 ? { pValue: Math.max(...pValues) } : {}),
  };
}

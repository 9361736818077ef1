// A threshold on one slice (`slice: { language: "ja" }`): the slice's accuracy from summary.json's `slices`,
// judged like the whole run's: a field by its Wilson interval, fieldAccuracy by its interval clustered by case.
import type { ThresholdConfig } from "../config/schema.js";
import { CallgradeError } from "../core/errors.js";
import type { RunSummary } from "../core/summary.js";
import { normalUpperTail } from "./stats/index.js";

type Limits = Pick<ThresholdConfig, "min" | "max">;

export interface SliceMeasured {
  observed: number | null;
  interval?: [number, number];
  n: number;
  /** Two-sided p-value of "the value is exactly at the limit" (the largest over `min` and `max`). */
  pValue?: number;
}

/** The slice a threshold names, as `key=value`; undefined for a threshold on the whole run. */
export function sliceName(threshold: ThresholdConfig): string | undefined {
  const entry = threshold.slice ? Object.entries(threshold.slice)[0] : undefined;
  return entry ? `${entry[0]}=${String(entry[1])}` : undefined;
}

/**
 * The named slice's figures for one model. A slice key the suite does not name, or a value no case has, is a
 * config error: a threshold that can never be measured would otherwise pass or stay inconclusive unnoticed.
 */
export function measureSlice(
  run: RunSummary,
  modelId: string,
  t: ThresholdConfig,
  index: number,
  rateP: (observed: number, n: number, limit: number, side: "min" | "max") => number,
): SliceMeasured {
  const [key, raw] = Object.entries(t.slice ?? {})[0] ?? ["", ""];
  const values = run.slices?.[key];
  if (!values) {
    const named = Object.keys(run.slices ?? {});
    throw new CallgradeError(
      "CONFIG_INVALID",
      `gates.thresholds.${index}.slice: "${key}" is not among the suite's slices (${named.length > 0 ? named.join(", ") : "none"}); add it to slices: ["${key}"]`,
    );
  }
  const value = values[String(raw)];
  if (!value) {
    throw new CallgradeError(
      "CONFIG_INVALID",
      `gates.thresholds.${index}.slice: no case has ${key} = ${JSON.stringify(String(raw))}; its values: ${Object.keys(values).join(", ")}`,
    );
  }
  const model = value.models[modelId];
  if (!model) return { observed: null, n: 0 };
  if (t.field) {
    const field = model.fields[t.field];
    if (!field?.ci95) return { observed: field?.accuracy ?? null, n: field?.n ?? 0 };
    const pValue = limitP(t, (limit, side) => rateP(field.accuracy ?? 0, field.n, limit, side));
    return { observed: field.accuracy, interval: field.ci95, n: field.n, ...withP(pValue) };
  }
  const { fieldAccuracy, stdError } = model;
  if (fieldAccuracy === null || stdError === null || !model.ci95)
    return { observed: fieldAccuracy, n: model.n };
  const pValue = limitP(t, (limit) => waldP(fieldAccuracy, stdError, limit));
  return { observed: fieldAccuracy, interval: model.ci95, n: model.n, ...withP(pValue) };
}

function withP(pValue: number | undefined): { pValue?: number } {
  return pValue === undefined ? {} : { pValue };
}

function limitP(limits: Limits, at: (limit: number, side: "min" | "max") => number): number | undefined {
  const sides = [
    ...(limits.min === undefined ? [] : [at(limits.min, "min")]),
    ...(limits.max === undefined ? [] : [at(limits.max, "max")]),
  ];
  return sides.length === 0 ? undefined : Math.max(...sides);
}

/** Two-sided Wald p-value at the limit: the test the normal 95% interval inverts. */
function waldP(observed: number, stdError: number, limit: number): number {
  if (stdError === 0) return observed === limit ? 1 : 0;
  return Math.min(1, 2 * normalUpperTail(Math.abs(observed - limit) / stdError));
}

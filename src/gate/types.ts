// What a gate decides, and the baseline it compares against. Renderers (junit, Markdown, HTML) read these.
import type { RunSummary } from "../core/summary.js";

export type CheckVerdict = "pass" | "fail" | "inconclusive";

/** A call whose outcome on a field changed between baseline and candidate. */
export interface Flip {
  caseId: string;
  /** The value the candidate gave (display only). */
  candidate?: unknown;
  /** The value the baseline gave (display only). */
  baseline?: unknown;
}

export interface GateCheck {
  /** Stable id, e.g. "threshold:fieldAccuracy:gpt-4.1-mini:phone" or "regression:accuracy:gpt-4.1-mini:date". */
  id: string;
  kind: "threshold" | "regression";
  metric: string;
  model: string;
  field?: string;
  verdict: CheckVerdict;
  /** One line a person reads: what was measured, against what, and why this verdict. */
  message: string;
  /** The candidate's value of the metric. */
  observed: number | null;
  /** 95% interval of `observed` (thresholds) or of `delta` (regressions). */
  interval?: [number, number];
  /** Thresholds: the limit and its direction. */
  limit?: { min?: number; max?: number };
  /** Regressions: the baseline's value on the shared calls, and candidate − baseline. */
  baseline?: number | null;
  delta?: number | null;
  /**
   * The p-value the decision rests on. Regressions in accuracy: no change (McNemar, bootstrap), one-sided
   * against a drop in a gate and two-sided in `compare`; latency and cost: an increase of exactly the tolerance,
   * one-sided against a larger one in a gate; thresholds (lower-bound policy): a value exactly at the limit,
   * two-sided (the test the 95% interval inverts).
   */
  pValue?: number | null;
  /**
   * `pValue` after the family's correction (Holm's step-down over the checks of its kind): the check decides
   * with this one. Absent when the family is not corrected or the check has no p-value.
   */
  adjustedP?: number | null;
  /** Calls (or outcomes) the check is based on. */
  n: number;
  /** Regressions on a field: calls whose outcome changed. */
  flips?: { rightToWrong: Flip[]; wrongToRight: Flip[] };
  /** When the sample is too small to detect the allowed drop: about how many calls would be needed. */
  neededCalls?: number;
}

/** Checks that share one error rate. */
export interface GateFamily {
  /**
   * "regression": every fail claims a drop (or an increase) beyond tolerance, and the family holds the chance
   * that any such claim is noise to `alpha`. "threshold" (lower-bound policy): every pass claims a limit is
   * met, and the family holds the chance that any such claim is wrong to `alpha`.
   */
  kind: "regression" | "threshold";
  /** "holm": Holm's step-down over the family's p-values; "none": each check at `alpha` alone. */
  method: "holm" | "none";
  /** Checks decided on a p-value: K, the number that share `alpha`. */
  size: number;
  alpha: number;
}

export interface GateResult {
  verdict: CheckVerdict;
  /** How a threshold on an accuracy treats its confidence interval. */
  policy: "lower-bound" | "point";
  strict: boolean;
  checks: GateCheck[];
  runId: string;
  baselineRunId?: string;
  /** Calls both runs share (regression checks only). */
  sharedCalls?: number;
  /** How the checks share the gate's error rate, one entry per family with at least one check. */
  families?: GateFamily[];
  /** Latency and cost checks not made because a model's calls carry no real latency or cost; absent when none. */
  unchecked?: UncheckedMetric[];
}

/** A regression check the gate did not make, and why (every gate output says so once). */
export interface UncheckedMetric {
  model: string;
  metric: "latencyMs.mean" | "costUsd.perCall";
  reason: string;
}

/** One model's per-call outcomes in a baseline: strings of "1" right, "0" wrong, "-" not scored, per case. */
export interface BaselineModel {
  id: string;
  /** field → one character per case, aligned with Baseline.cases. */
  outcomes: Record<string, string>;
  /** Per case (aligned with Baseline.cases): latency in ms, cost in USD; null when the call had no answer. */
  latencyMs: (number | null)[];
  costUsd: (number | null)[];
  /** Per case and field, the value the model gave, for showing flips. Omitted fields had no answer. */
  values?: Record<string, unknown>[];
}

/**
 * A committed baseline: a summary.json (the stable contract, so anything reading summaries reads it) with the
 * per-call outcomes added, so paired tests work without the old store.
 */
export interface Baseline extends RunSummary {
  baseline: {
    format: "callgrade-baseline";
    version: 1;
    /** Case ids; every per-case array and string in `models` is aligned with it. */
    cases: string[];
    models: BaselineModel[];
  };
}

// Threshold checks on one run: a limit per metric and model, decided with the metric's 95% interval. Under the
// lower-bound policy every pass claims a limit is met, and the thresholds share α=0.05 for those claims
// (family.ts); a fail is the point estimate missing the limit, under either policy.
import type { ThresholdConfig } from "../config/schema.js";
import { CallgradeError } from "../core/errors.js";
import type { ModelSummary } from "../core/summary.js";
import { decideLimit, type Policy } from "./decide.js";
import {
  adjustedNote,
  type Correction,
  corrected,
  decideFamily,
  type FamilyLevel,
  type PendingCheck,
} from "./family.js";
import { type Measured, measure } from "./threshold-measure.js";
import { sliceName } from "./threshold-slice.js";
import type { Baseline, CheckVerdict, GateCheck, GateFamily } from "./types.js";

/** The intervals are 95%: a limit cleared by one is a claim at α = 0.05. */
const THRESHOLD_ALPHA = 0.05;

export function thresholdChecks(
  run: Baseline,
  thresholds: ThresholdConfig[],
  policy: Policy,
  resamples: number,
  correction: Correction = "holm",
): { checks: GateCheck[]; family: GateFamily } {
  const pending: PendingCheck[] = [];
  for (const [index, threshold] of thresholds.entries()) {
    const models = threshold.model ? run.models.filter((m) => m.id === threshold.model) : run.models;
    if (threshold.model && models.length === 0) {
      throw new CallgradeError(
        "CONFIG_INVALID",
        `gates.thresholds.${index}.model: no model "${threshold.model}" in run ${run.runId}; it has ${run.models.map((m) => m.id).join(", ")}`,
      );
    }
    for (const model of models) pending.push(check(run, model, threshold, policy, resamples, index));
  }
  return decideFamily("threshold", pending, correction, THRESHOLD_ALPHA);
}

function check(
  run: Baseline,
  model: ModelSummary,
  threshold: ThresholdConfig,
  policy: Policy,
  resamples: number,
  index: number,
): PendingCheck {
  const measured = measure(run, model, threshold, resamples, index);
  const limit = {
    ...(threshold.min === undefined ? {} : { min: threshold.min }),
    ...(threshold.max === undefined ? {} : { max: threshold.max }),
  };
  const slice = sliceName(threshold);
  const whole = [threshold.metric, model.id, threshold.field].filter(Boolean).join(":");
  // The id keeps its colon-separated form; the message names the slice the way a person writes it.
  const target = slice ? `${whole} [${slice}]` : whole;
  const base = {
    id: `threshold:${slice ? `${whole}:${slice}` : whole}`,
    kind: "threshold" as const,
    metric: threshold.field ? `accuracy` : threshold.metric,
    model: model.id,
    ...(threshold.field ? { field: threshold.field } : {}),
    observed: measured.observed,
    ...(measured.interval ? { interval: measured.interval } : {}),
    limit,
    n: measured.n,
  };
  // Only a lower-bound decision on an interval is a claim with an error rate; the point policy has none.
  const tested = policy === "lower-bound" && !measured.pointOnly && measured.pValue !== undefined;
  const pValue = tested ? (measured.pValue ?? null) : null;
  const decide = (level: FamilyLevel): GateCheck => {
    const { observed } = measured;
    if (observed === null) {
      return { ...base, verdict: "inconclusive", message: `${target}: nothing to measure (no scored calls)` };
    }
    const alone = decideLimit(observed, measured.pointOnly ? undefined : measured.interval, limit, policy);
    const verdict = pValue === null ? alone : decideTested(observed, limit, level.adjustedP ?? pValue, level);
    return {
      ...base,
      ...(pValue === null ? {} : { pValue }),
      verdict,
      message: describe(target, observed, measured, limit, verdict, alone, level),
    };
  };
  return { pValue, decide };
}

/** A point estimate that misses the limit fails; one that meets it passes when the family's test shows it. */
function decideTested(
  observed: number,
  limit: { min?: number; max?: number },
  pValue: number,
  level: FamilyLevel,
): CheckVerdict {
  if ((limit.min !== undefined && observed < limit.min) || (limit.max !== undefined && observed > limit.max))
    return "fail";
  return pValue < level.alpha ? "pass" : "inconclusive";
}

function describe(
  target: string,
  observed: number,
  measured: Measured,
  limit: { min?: number; max?: number },
  verdict: CheckVerdict,
  alone: CheckVerdict,
  level: FamilyLevel,
): string {
  const bound = [
    limit.min === undefined ? "" : `≥ ${limit.min}`,
    limit.max === undefined ? "" : `≤ ${limit.max}`,
  ]
    .filter(Boolean)
    .join(" and ");
  const ci = measured.interval ? ` (95% CI ${fmt(measured.interval[0])}–${fmt(measured.interval[1])})` : "";
  const p = (x: number) => `=${x.toPrecision(2)}`;
  const tested =
    measured.pValue !== undefined && level.adjustedP !== null
      ? `, p${p(measured.pValue)} at the limit${adjustedNote(level, p)}`
      : "";
  const why =
    verdict !== "inconclusive"
      ? measured.pointOnly
        ? "; compared on the point estimate"
        : ""
      : alone === "pass" && corrected(level)
        ? `; the interval clears the limit, but not once α=${level.alpha} is shared by ${level.size} thresholds (Holm): more calls would tell`
        : "; the point estimate meets the limit but the interval does not (policy lower-bound): more calls would tell";
  return `${target} = ${fmt(observed)}${ci}, needs ${bound}, n=${measured.n}${corrected(level) ? tested : ""}${why}`;
}

function fmt(value: number): string {
  return Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(3).replace(/0+$/, "").replace(/\.$/, "");
}

// Latency and cost of the candidate against the baseline: per-call differences, bootstrapped, judged relative
// to the baseline's mean. The p-value tests an increase of exactly the tolerance, the edge of what may fail:
// one-sided in the gate (only a larger increase fails), two-sided for `compare`.
import type { GatesConfig } from "../config/schema.js";
import { adjustedNote, type FamilyLevel, heldBackNote, type PendingCheck, type Sides } from "./family.js";
import { bootstrapMeanDifference } from "./stats/index.js";
import type { BaselineModel, CheckVerdict, GateCheck } from "./types.js";
import { bootstrapP, sidedNote } from "./wording.js";

type Settings = NonNullable<GatesConfig["regression"]>;

export function costAndLatency(
  cand: BaselineModel,
  base: BaselineModel,
  shared: [number, number][],
  s: Settings,
  sides: Sides,
  /** Metrics not to check: the model's calls carry no real latency or cost (measured.ts). */
  skip: ReadonlySet<string> = new Set(),
): PendingCheck[] {
  const pairs = (pick: (m: BaselineModel) => (number | null)[]) =>
    shared.flatMap(([i, j]) => {
      const now = pick(cand)[i];
      const then = pick(base)[j];
      return now === null || now === undefined || then === null || then === undefined
        ? []
        : [[now, then] as const];
    });
  const check = (
    metric: "latencyMs.mean" | "costUsd.perCall",
    values: (readonly [number, number])[],
    tolerance: number,
  ): PendingCheck[] => {
    const meanBefore = values.reduce((sum, [, then]) => sum + then, 0) / (values.length || 1);
    if (skip.has(metric) || values.length === 0 || meanBefore <= 0) return [];
    const result = bootstrapMeanDifference(Float64Array.from(values.map(([now, then]) => now - then)), {
      resamples: s.resamples,
      nullValue: tolerance * meanBefore,
      alternative: sides === "one-sided" ? "greater" : "two-sided",
    });
    const delta = result.estimate ?? 0;
    const interval: [number, number] = result.interval ?? [0, 0];
    const pValue = result.pValue ?? 1;
    const pct = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs((x / meanBefore) * 100).toFixed(1)}%`;
    const allowed = `+${(tolerance * 100).toFixed(0)}%`;
    const decide = (level: FamilyLevel): GateCheck => {
      // Decided on the relative change; reported in the metric's own unit (ms, USD).
      const decideAt = (p: number): CheckVerdict =>
        p < s.alpha && delta > tolerance * meanBefore
          ? "fail"
          : interval[1] <= tolerance * meanBefore
            ? "pass"
            : "inconclusive";
      const verdict = decideAt(level.adjustedP ?? pValue);
      const heldBack = verdict !== "fail" && decideAt(pValue) === "fail";
      return {
        id: `regression:${metric}:${cand.id}`,
        kind: "regression",
        metric,
        model: cand.id,
        verdict,
        observed: meanBefore + delta,
        baseline: meanBefore,
        delta,
        interval,
        pValue,
        n: values.length,
        message:
          `${cand.id} ${metric}: ${pct(delta)} per call (95% CI ${pct(interval[0])} to ${pct(interval[1])}) on ${values.length} shared calls; at most ${allowed} allowed` +
          ` (${sidedNote(sides)}p${bootstrapP(s.resamples)(pValue)} against ${allowed}${adjustedNote(level, bootstrapP(s.resamples, level.size))})` +
          (heldBack ? heldBackNote(level, `an increase beyond ${allowed}, significant`) : ""),
      };
    };
    return [{ pValue, decide }];
  };
  return [
    ...check(
      "latencyMs.mean",
      pairs((m) => m.latencyMs),
      s.maxLatencyIncrease,
    ),
    ...check(
      "costUsd.perCall",
      pairs((m) => m.costUsd),
      s.maxCostIncrease,
    ),
  ];
}

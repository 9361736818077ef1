// Latency and cost of the candidate against the baseline: per-call differences, bootstrapped, judged relative
// to the baseline's mean.
import type { GatesConfig } from "../config/schema.js";
import { decideIncrease } from "./decide.js";
import { bootstrapMeanDifference } from "./stats/index.js";
import type { BaselineModel, GateCheck } from "./types.js";

type Settings = NonNullable<GatesConfig["regression"]>;

export function costAndLatency(
  cand: BaselineModel,
  base: BaselineModel,
  shared: [number, number][],
  s: Settings,
): GateCheck[] {
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
  ): GateCheck[] => {
    const meanBefore = values.reduce((sum, [, then]) => sum + then, 0) / (values.length || 1);
    if (values.length === 0 || meanBefore <= 0) return [];
    const result = bootstrapMeanDifference(Float64Array.from(values.map(([now, then]) => now - then)), {
      resamples: s.resamples,
    });
    const delta = result.estimate ?? 0;
    const interval: [number, number] = result.interval ?? [0, 0];
    // Decided on the relative change; reported in the metric's own unit (ms, USD).
    const verdict = decideIncrease([interval[0] / meanBefore, interval[1] / meanBefore], tolerance);
    const pct = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs((x / meanBefore) * 100).toFixed(1)}%`;
    return [
      {
        id: `regression:${metric}:${cand.id}`,
        kind: "regression",
        metric,
        model: cand.id,
        verdict,
        observed: meanBefore + delta,
        baseline: meanBefore,
        delta,
        interval,
        pValue: result.pValue,
        n: values.length,
        message: `${cand.id} ${metric}: ${pct(delta)} per call (95% CI ${pct(interval[0])} to ${pct(interval[1])}) on ${values.length} shared calls; at most +${(tolerance * 100).toFixed(0)}% allowed`,
      },
    ];
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

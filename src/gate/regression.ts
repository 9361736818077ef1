// Candidate against baseline on the calls both runs share: per field McNemar's exact test, overall accuracy,
// latency and cost by a bootstrap clustered by call.
import type { GatesConfig } from "../config/schema.js";
import { signedPoints } from "../core/format.js";
import { decideDrop } from "./decide.js";
import { fieldOutcomes } from "./outcomes.js";
import { costAndLatency } from "./regression-cost.js";
import {
  bootstrapMeanDifference,
  mcnemarExact,
  mcnemarSampleSize,
  pairedDifferenceInterval,
} from "./stats/index.js";
import type { Baseline, BaselineModel, Flip, GateCheck } from "./types.js";

type Settings = NonNullable<GatesConfig["regression"]>;

/** Index pairs (candidate, baseline) of the cases both runs have. */
function sharedCases(candidate: Baseline, baseline: Baseline): [number, number][] {
  const inBaseline = new Map(baseline.baseline.cases.map((id, i) => [id, i]));
  return candidate.baseline.cases.flatMap((id, i) => {
    const j = inBaseline.get(id);
    return j === undefined ? [] : [[i, j] as [number, number]];
  });
}

export function regressionChecks(candidate: Baseline, baseline: Baseline, settings: Settings): GateCheck[] {
  const shared = sharedCases(candidate, baseline);
  const checks: GateCheck[] = [];
  for (const cand of candidate.baseline.models) {
    const base = baseline.baseline.models.find((m) => m.id === cand.id);
    if (!base) continue;
    checks.push(...fieldChecks(candidate, cand, base, shared, settings));
    checks.push(overallCheck(cand, base, shared, settings));
    checks.push(...costAndLatency(cand, base, shared, settings));
  }
  return checks;
}

function fieldChecks(
  candidate: Baseline,
  cand: BaselineModel,
  base: BaselineModel,
  shared: [number, number][],
  s: Settings,
): GateCheck[] {
  const baseFields = new Map(fieldOutcomes(base).map((f) => [f.field, f.values]));
  return fieldOutcomes(cand).flatMap(({ field, values }) => {
    const before = baseFields.get(field);
    if (!before) return [];
    let n = 0;
    let right = 0;
    const rightToWrong: Flip[] = [];
    const wrongToRight: Flip[] = [];
    for (const [i, j] of shared) {
      const now = values[i] ?? -1;
      const then = before[j] ?? -1;
      if (now < 0 || then < 0) continue;
      n++;
      right += then;
      const flip = {
        caseId: candidate.baseline.cases[i] ?? "",
        candidate: cand.values?.[i]?.[field],
        baseline: base.values?.[j]?.[field],
      };
      if (then === 1 && now === 0) rightToWrong.push(flip);
      if (then === 0 && now === 1) wrongToRight.push(flip);
    }
    const b = rightToWrong.length;
    const c = wrongToRight.length;
    const { pValue } = mcnemarExact(b, c);
    const { estimate, interval } = pairedDifferenceInterval(b, c, n);
    const delta = estimate ?? 0;
    const range: [number, number] = interval ?? [0, 0];
    const verdict = n === 0 ? "inconclusive" : decideDrop(delta, range, pValue, s.maxDrop, s.alpha);
    const needed = mcnemarSampleSize({
      drop: s.maxDrop,
      discordance: n > 0 && b + c > 0 ? (b + c) / n : null,
      alpha: s.alpha,
    });
    const baseAccuracy = n === 0 ? null : right / n;
    const id = `regression:accuracy:${cand.id}:${field}`;
    const tooFew = verdict === "inconclusive" && n < needed;
    return [
      {
        id,
        kind: "regression" as const,
        metric: "accuracy",
        model: cand.id,
        field,
        verdict,
        observed: baseAccuracy === null ? null : baseAccuracy + delta,
        baseline: baseAccuracy,
        delta,
        interval: range,
        pValue,
        n,
        flips: { rightToWrong, wrongToRight },
        ...(tooFew ? { neededCalls: needed } : {}),
        message:
          `${cand.id} ${field}: ${pts(delta)} on ${n} shared calls (95% CI ${pts(range[0])} to ${pts(range[1])}, ` +
          `McNemar p=${pValue.toPrecision(2)}; ${b} right→wrong, ${c} wrong→right)` +
          (verdict === "fail" ? `: a significant drop beyond the ${pts(-s.maxDrop)} allowed` : "") +
          (tooFew
            ? `: too few calls to tell a drop of ${pts(-s.maxDrop)} at α=${s.alpha}; about ${needed} needed`
            : ""),
      },
    ];
  });
}

/** Mean over fields of right, per call, candidate minus baseline: the change in overall field accuracy. */
function overallCheck(
  cand: BaselineModel,
  base: BaselineModel,
  shared: [number, number][],
  s: Settings,
): GateCheck {
  const candFields = fieldOutcomes(cand);
  const baseFields = new Map(fieldOutcomes(base).map((f) => [f.field, f.values]));
  const diffs: number[] = [];
  for (const [i, j] of shared) {
    let sum = 0;
    let count = 0;
    for (const { field, values } of candFields) {
      const now = values[i] ?? -1;
      const then = baseFields.get(field)?.[j] ?? -1;
      if (now < 0 || then < 0) continue;
      sum += now - then;
      count++;
    }
    if (count > 0) diffs.push(sum / count);
  }
  const result = bootstrapMeanDifference(Float64Array.from(diffs), { resamples: s.resamples });
  const delta = result.estimate ?? 0;
  const interval = result.interval ?? [0, 0];
  const pValue = result.pValue ?? 1;
  const verdict =
    diffs.length === 0 ? "inconclusive" : decideDrop(delta, interval, pValue, s.maxDrop, s.alpha);
  return {
    id: `regression:fieldAccuracy:${cand.id}`,
    kind: "regression",
    metric: "fieldAccuracy",
    model: cand.id,
    verdict,
    observed: null,
    delta,
    interval,
    pValue,
    n: diffs.length,
    message: `${cand.id} overall field accuracy: ${pts(delta)} per call on ${diffs.length} shared calls (95% bootstrap CI ${pts(interval[0])} to ${pts(interval[1])}, p${bootstrapP(pValue, s.resamples)})`,
  };
}

/** A bootstrap p-value moves in steps of 1/resamples: 0 means "below one step". */
function bootstrapP(pValue: number, resamples: number): string {
  return pValue === 0 ? `<${(1 / resamples).toPrecision(1)}` : `=${pValue.toPrecision(2)}`;
}

/** A change in accuracy as signed percentage points. */
function pts(value: number): string {
  return `${signedPoints(value)} pts`;
}

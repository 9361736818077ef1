// Candidate against baseline on the calls both runs share: per field McNemar's exact test; overall accuracy by
// a sign-flip test of the per-call changes, with a bootstrap interval clustered by call; latency and cost by that
// bootstrap; all of them one family (family.ts). The gate's p-values are one-sided, in the direction a check
// fails; `compare`, which asks what changed either way, gets two-sided ones.
import type { GatesConfig } from "../config/schema.js";
import { decideDrop } from "./decide.js";
import {
  adjustedNote,
  type Correction,
  decideFamily,
  type FamilyLevel,
  heldBackNote,
  type PendingCheck,
  type Sides,
} from "./family.js";
import { unmeasured } from "./measured.js";
import { fieldOutcomes } from "./outcomes.js";
import { costAndLatency } from "./regression-cost.js";
import { fieldChecks } from "./regression-field.js";
import { judgedChecks } from "./regression-judged.js";
import { bootstrapMeanDifference, signFlipMeanTest } from "./stats/index.js";
import type { Baseline, BaselineModel, GateCheck, GateFamily, UncheckedMetric } from "./types.js";
import { pts, sidedNote } from "./wording.js";

type Settings = NonNullable<GatesConfig["regression"]>;

/** Index pairs (candidate, baseline) of the cases both runs have. */
function sharedCases(candidate: Baseline, baseline: Baseline): [number, number][] {
  const inBaseline = new Map(baseline.baseline.cases.map((id, i) => [id, i]));
  return candidate.baseline.cases.flatMap((id, i) => {
    const j = inBaseline.get(id);
    return j === undefined ? [] : [[i, j] as [number, number]];
  });
}

/** Every regression check, each decided at `alpha` alone on a two-sided p-value (what `callgrade compare` lists). */
export function regressionChecks(candidate: Baseline, baseline: Baseline, settings: Settings): GateCheck[] {
  return regressionFamily(candidate, baseline, settings, "none", "two-sided").checks;
}

/**
 * Every regression check of one gate, decided together: `correction` says how they share `alpha`, `sides`
 * what each p-value looks for (a gate: only the direction its check fails in).
 */
export function regressionFamily(
  candidate: Baseline,
  baseline: Baseline,
  settings: Settings,
  correction: Correction,
  sides: Sides = "one-sided",
): { checks: GateCheck[]; family: GateFamily; unchecked: UncheckedMetric[] } {
  const shared = sharedCases(candidate, baseline);
  const pending: PendingCheck[] = [];
  const unchecked: UncheckedMetric[] = [];
  for (const cand of candidate.baseline.models) {
    const base = baseline.baseline.models.find((m) => m.id === cand.id);
    if (!base) continue;
    pending.push(...fieldChecks(candidate, cand, base, shared, settings, sides));
    pending.push(overallCheck(cand, base, shared, settings, sides));
    const skipped = unmeasured(candidate, baseline, cand, base, shared);
    unchecked.push(...skipped);
    pending.push(
      ...costAndLatency(cand, base, shared, settings, sides, new Set(skipped.map((u) => u.metric))),
    );
  }
  pending.push(...judgedChecks(candidate, baseline, settings, sides));
  return { ...decideFamily("regression", pending, correction, settings.alpha), unchecked };
}

/** Mean over fields of right, per call, candidate minus baseline: the change in overall field accuracy. */
function overallCheck(
  cand: BaselineModel,
  base: BaselineModel,
  shared: [number, number][],
  s: Settings,
  sides: Sides,
): PendingCheck {
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
  const changes = Float64Array.from(diffs);
  const result = bootstrapMeanDifference(changes, { resamples: s.resamples });
  const delta = result.estimate ?? 0;
  const interval = result.interval ?? [0, 0];
  // Sign flips, not the bootstrap, for the p-value: exact on pure noise, where the bootstrap's tail is too thin
  // at the levels Holm asks of one check when most calls did not change (stats/sign-flip.ts).
  const pValue =
    signFlipMeanTest(changes, {
      resamples: s.resamples,
      alternative: sides === "one-sided" ? "less" : "two-sided",
    }).pValue ?? 1;
  // Never 0: the observed sum counts among the flips.
  const shown = (x: number) => `=${x.toPrecision(2)}`;
  const decide = (level: FamilyLevel): GateCheck => {
    const decideAt = (p: number) =>
      diffs.length === 0 ? "inconclusive" : decideDrop(delta, interval, p, s.maxDrop, s.alpha);
    const verdict = decideAt(level.adjustedP ?? pValue);
    const heldBack = verdict !== "fail" && decideAt(pValue) === "fail";
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
      message:
        `${cand.id} overall field accuracy: ${pts(delta)} per call on ${diffs.length} shared calls ` +
        `(95% bootstrap CI ${pts(interval[0])} to ${pts(interval[1])}, ${sidedNote(sides)}sign-flip p${shown(pValue)}` +
        `${adjustedNote(level, shown)})` +
        (heldBack ? heldBackNote(level, `a drop beyond the ${pts(-s.maxDrop)} allowed, significant`) : ""),
    };
  };
  return { pValue: diffs.length === 0 ? null : pValue, decide };
}

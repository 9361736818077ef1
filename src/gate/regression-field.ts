// Per model and field, candidate against baseline on the calls both scored: McNemar's exact test on the calls
// that flipped (one-sided for a drop in the gate), Tango's interval for the change, and the calls a decision
// would need.
import type { GatesConfig } from "../config/schema.js";
import { decideDrop } from "./decide.js";
import {
  adjustedNote,
  corrected,
  type FamilyLevel,
  heldBackNote,
  levelAlone,
  levelText,
  type PendingCheck,
  type Sides,
} from "./family.js";
import { fieldOutcomes } from "./outcomes.js";
import { mcnemarExact, mcnemarSampleSize, pairedDifferenceInterval } from "./stats/index.js";
import type { Baseline, BaselineModel, Flip } from "./types.js";
import { pts, sidedNote } from "./wording.js";

type Settings = NonNullable<GatesConfig["regression"]>;

export function fieldChecks(
  candidate: Baseline,
  cand: BaselineModel,
  base: BaselineModel,
  shared: [number, number][],
  s: Settings,
  sides: Sides,
): PendingCheck[] {
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
    const { pValue } = mcnemarExact(b, c, sides === "one-sided" ? "less" : "two-sided");
    const { estimate, interval } = pairedDifferenceInterval(b, c, n);
    const delta = estimate ?? 0;
    const range: [number, number] = interval ?? [0, 0];
    const baseAccuracy = n === 0 ? null : right / n;
    const decide = (level: FamilyLevel) => {
      const decideAt = (p: number) =>
        n === 0 ? "inconclusive" : decideDrop(delta, range, p, s.maxDrop, s.alpha);
      const verdict = decideAt(level.adjustedP ?? pValue);
      // Calls for this check to show maxDrop on its own, at the level its family leaves it.
      const needed = mcnemarSampleSize({
        drop: s.maxDrop,
        discordance: n > 0 && b + c > 0 ? (b + c) / n : null,
        alpha: levelAlone(level),
        alternative: sides,
      });
      const tooFew = verdict === "inconclusive" && n < needed;
      const heldBack = verdict !== "fail" && decideAt(pValue) === "fail";
      const p = (x: number) => `=${x.toPrecision(2)}`;
      return {
        id: `regression:accuracy:${cand.id}:${field}`,
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
          `${sidedNote(sides)}McNemar p${p(pValue)}${adjustedNote(level, p)}; ${b} right→wrong, ${c} wrong→right)` +
          (verdict === "fail" ? `: a significant drop beyond the ${pts(-s.maxDrop)} allowed` : "") +
          (heldBack ? heldBackNote(level, `a drop beyond the ${pts(-s.maxDrop)} allowed, significant`) : "") +
          (tooFew
            ? `: too few calls to tell a drop of ${pts(-s.maxDrop)} at α=${s.alpha}; about ${needed} needed` +
              (corrected(level) ? ` (${levelText(level)} per check)` : "")
            : ""),
      };
    };
    return [{ pValue: n === 0 ? null : pValue, decide }];
  });
}

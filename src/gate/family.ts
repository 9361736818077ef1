// One gate's checks as families that share an error rate, so a gate of 20 checks on pure noise fails no more
// often than one check would.
//
// Holm's step-down (stats/holm.ts) is the correction: it holds for any dependence between the checks, and the
// gate's checks are dependent in ways no simple model captures (fields of one call fail together, the overall
// check averages the fields, two models read the same transcripts). It needs only that each p-value is valid
// for its own null. A regression check fails in one direction only (a drop, or latency or cost beyond its
// tolerance), so its null is one-sided, "no drop", and so is its p-value: exact McNemar P(X ≥ b | b + c, ½),
// which holds its level for every change that is not a drop; a sign-flip test for overall accuracy, exact when
// the runs differ by noise alone; the bootstrap's share of resamples on the null side for latency and cost.
// A check also needs its point estimate beyond `maxDrop` to fail, which only removes fails. Two-sided p-values
// spent α/K per step where only the half on the side of a drop could fail a check: the gate ran at about α/2
// and lost the power the other half buys (tests/gate/noise-simulation.test.ts; the numbers are in docs/ci.md).
//
// Considered and not taken, measured on the same simulations: Westfall–Young's step-down minP, flipping whole
// calls between baseline and candidate, catches a 10-point drop among five fields about 5 points more often;
// but its null is that the two runs are exchangeable on every call jointly, stronger than "no field dropped",
// it cannot hold latency and cost (their null is an increase of exactly the tolerance, which flipping cannot
// produce), and on noise it comes in at 4–5%, leaving no margin a seeded test could assert. Taking the
// overall-accuracy checks out of the family gains under half a point; they stay, as the only checks that see a
// drop spread thinly over many fields.
import { holmAdjust } from "./stats/index.js";
import type { GateCheck, GateFamily } from "./types.js";

export type Correction = GateFamily["method"];

/** What a regression check's p-value looks for: the gate, only the direction it fails in; `compare`, any change. */
export type Sides = "one-sided" | "two-sided";

/** What a check's decision needs from its family. */
export interface FamilyLevel {
  method: Correction;
  /** K: the checks in the family, those decided on a p-value. */
  size: number;
  /** The family-wise error rate. */
  alpha: number;
  /** This check's p-value after the correction (the raw one under "none"); null when it has none. */
  adjustedP: number | null;
}

/** A check measured but not yet decided: its p-value joins the family, then `decide` gives the verdict. */
export interface PendingCheck {
  /** The p-value the decision rests on; null keeps the check out of the family. */
  pValue: number | null;
  decide(level: FamilyLevel): GateCheck;
}

/** Decides every pending check with its p-value adjusted over the family (those with a p-value). */
export function decideFamily(
  kind: GateFamily["kind"],
  pending: PendingCheck[],
  method: Correction,
  alpha: number,
): { checks: GateCheck[]; family: GateFamily } {
  const members = pending.flatMap((check, index) => (check.pValue === null ? [] : [index]));
  const raw = members.map((index) => pending[index]?.pValue ?? 1);
  const adjusted = method === "holm" ? holmAdjust(raw) : raw;
  const byIndex = new Map(members.map((index, k) => [index, adjusted[k] ?? 1]));
  const size = members.length;
  const checks = pending.map((check, index) => {
    const adjustedP = byIndex.get(index) ?? null;
    const decided = check.decide({ method, size, alpha, adjustedP });
    return method === "holm" && adjustedP !== null ? { ...decided, adjustedP } : decided;
  });
  return { checks, family: { kind, method, size, alpha } };
}

/** Whether the family's correction changes anything: Holm over two or more checks. */
export function corrected(level: FamilyLevel): boolean {
  return level.method === "holm" && level.size > 1;
}

/** The level one check must reach alone to count whatever the others show: α/K under Holm (its first step). */
export function levelAlone(level: FamilyLevel): number {
  return corrected(level) ? level.alpha / level.size : level.alpha;
}

/** ", Holm-adjusted p=0.042" after a raw p-value in a message, when the family is corrected. */
export function adjustedNote(level: FamilyLevel, format: (p: number) => string): string {
  return corrected(level) && level.adjustedP !== null
    ? `, Holm-adjusted p${format(level.adjustedP)} over ${level.size} checks`
    : "";
}

/** A message's note for a check that would have decided alone but not within its family. */
export function heldBackNote(level: FamilyLevel, claim: string): string {
  return `: ${claim} alone, not once α=${level.alpha} is shared by ${level.size} checks (Holm)`;
}

/** "0.05/6 = 0.0083": the per-check level of a corrected family, for a message. */
export function levelText(level: FamilyLevel): string {
  return `α=${level.alpha}/${level.size}=${Number(levelAlone(level).toPrecision(2))}`;
}

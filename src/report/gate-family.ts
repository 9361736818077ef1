// How the gate's checks shared its error rate, in words every gate renderer prints the same way.
import type { GateFamily, GateResult } from "../gate/types.js";

// A regression check fails in one direction only, so the gate tests it one-sided; a threshold's p-value is the
// two-sided one its 95% interval inverts.
const WHAT: Record<GateFamily["kind"], [string, string, (share: string) => string]> = {
  regression: [
    "regression check",
    " over one-sided p-values",
    (share) => `a gate on pure noise fails at most ${share} of the time`,
  ],
  threshold: ["threshold", "", (share) => `the chance that any of their passes is wrong is at most ${share}`],
};

/**
 * "6 regression checks share α=0.05 (Holm's step-down over one-sided p-values): a gate on pure noise fails at
 * most 5% of the time".
 */
export function familyText(family: GateFamily): string {
  const [noun, sided, promise] = WHAT[family.kind];
  const checks = `${family.size} ${noun}${family.size === 1 ? "" : "s"}`;
  const share = `${Number((family.alpha * 100).toPrecision(3))}%`;
  if (family.method === "none") return `${checks}, each decided at α=${family.alpha} alone (uncorrected)`;
  return `${checks} share α=${family.alpha} (Holm's step-down${sided}): ${promise(share)}`;
}

/** The families of a gate, in words; empty for a result from before families were reported. */
export function familiesText(gate: Pick<GateResult, "families">): string[] {
  return (gate.families ?? []).map(familyText);
}

/** Whether the family of `kind` was corrected over more than one check, so adjusted p-values mean something. */
export function isCorrected(gate: Pick<GateResult, "families">, kind: GateFamily["kind"]): boolean {
  return (gate.families ?? []).some((f) => f.kind === kind && f.method === "holm" && f.size > 1);
}

/**
 * The latency and cost checks the gate did not make, one item per model and reason ("b latencyMs.mean,
 * costUsd.perCall (replay rows without …)"); model ids pass through `text` (they are untrusted).
 */
export function uncheckedItems(gate: Pick<GateResult, "unchecked">, text: (s: string) => string): string[] {
  const groups = new Map<string, { model: string; metrics: string[]; reason: string }>();
  for (const u of gate.unchecked ?? []) {
    const key = `${u.model}\0${u.reason}`;
    const group = groups.get(key) ?? { model: u.model, metrics: [], reason: u.reason };
    group.metrics.push(u.metric);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${text(g.model)} ${g.metrics.join(", ")} (${text(g.reason)})`);
}

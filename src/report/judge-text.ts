// The words every report uses for a judged field's figures; each report only lays them out.
import type { JudgedFieldMetrics, JudgeSummary } from "../core/summary.js";

/** The section's title in every report. */
export const JUDGE_TITLE = "Judged fields";

/** Says where a field was judged when it was not on every case: "date (cases without gold)". */
export function judgedFieldText(judge: JudgeSummary, field: string): string {
  return (judge.withoutGold ?? []).includes(field) ? `${field} (cases without gold)` : field;
}

/** How many human grades alone the estimate is worth: a count, "∞", or "—" without an estimate. */
export function worthText(m: JudgedFieldMetrics): string {
  const grades = m.estimate.effectiveHumanGrades;
  if (grades === null) return "—";
  return Number.isFinite(grades) ? String(Math.round(grades)) : "∞";
}

/** The grades in all for an interval ±5 points wide, or that none will do; undefined when unknown. */
export function moreText(m: JudgedFieldMetrics): string | undefined {
  const more = m.gradesForTenPoints;
  if (more === null) return undefined;
  return Number.isFinite(more) ? `±5 pts at ${more}` : "±5 pts out of reach";
}

/** "κ 0.50", or "κ —" where kappa is undefined. */
export function kappaText(m: JudgedFieldMetrics): string {
  const { kappa } = m.calibration;
  return kappa === null ? "κ —" : `κ ${kappa.toFixed(2)}`;
}

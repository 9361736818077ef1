// What reviewers settled each graded field of each case to, for report.html's disagreement table: the value
// (or "no model is right"), who settled it, and whether they disagree (contested).
import type { MatchContext } from "../core/types.js";
import { type GradeOf, settle } from "../scoring/adjudicate.js";
import type { FieldScorer } from "../scoring/field-scorer.js";
import type { Canonical } from "../scoring/matchers/index.js";
import type { StoredGrade } from "../store/index.js";
import type { HumanLabel } from "./report-data-types.js";

/** The label of one field of one case, when anyone graded it; `answers` are the models' canonical values. */
export type SettledLabel = (
  caseId: string,
  scorer: FieldScorer,
  ctx: MatchContext,
  answers: Map<string, Canonical | null>,
) => HumanLabel | undefined;

export function settledLabels(grades: StoredGrade[]): SettledLabel {
  const byField = new Map<string, GradeOf[]>();
  for (const grade of grades) {
    const key = `${grade.caseId}\0${grade.field}`;
    byField.set(key, [...(byField.get(key) ?? []), { reviewer: grade.reviewer, verdict: grade.verdict }]);
  }
  return (caseId, scorer, ctx, answers) => {
    const list = byField.get(`${caseId}\0${scorer.field.name}`);
    const settled = list && settle(scorer.field, list, ctx);
    if (!list || !settled) return undefined;
    const reviewers = [...new Set(list.map((g) => g.reviewer))].sort();
    if (settled.kind === "contested") return { verdict: "contested", reviewers };
    if (settled.kind !== "value") return { verdict: "none", reviewers };
    const label = scorer.canonical(settled.value, ctx);
    const matches: Record<string, boolean> = {};
    for (const [id, answer] of answers) matches[id] = !!answer && scorer.matcher.equal(answer, label);
    return { verdict: "value", value: settled.value, reviewers, matches };
  };
}

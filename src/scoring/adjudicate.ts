// Turns reviewers' grades into labels and numbers: the settled value of each graded field, accuracy of
// each model against those labels, and the label every reviewer gave for inter-rater agreement.
import { byCodePoint } from "../core/format.js";
import type { FieldSpec, MatchContext, Verdict } from "../core/types.js";
import { matcherFor } from "./matchers/index.js";
import { wilson } from "./metrics.js";

export interface GradeOf {
  reviewer: string;
  verdict: Verdict;
}

/** What a field of a case is, once people have looked: a value, "no model is right", or contested. */
export type Settled =
  | { kind: "value"; value: unknown; key: string }
  | { kind: "none" }
  | { kind: "ratings"; pass: Record<string, boolean> }
  | { kind: "contested" };

/** The label a verdict gives, comparable across reviewers: equal values (after normalisation) give equal labels. */
export function verdictLabel(spec: FieldSpec, verdict: Verdict, ctx: MatchContext): string {
  if (verdict.kind === "none") return "none";
  if (verdict.kind === "rating") {
    return Object.entries(verdict.ratings)
      .sort(([a], [b]) => byCodePoint(a, b))
      .map(([model, rating]) => `${model}:${rating.pass ? "pass" : "fail"}`)
      .join(",");
  }
  const matcher = matcherFor(spec.match);
  return `value:${matcher.key(matcher.canonical(verdict.value, ctx))}`;
}

/** Reviewers who agree settle a field; reviewers who disagree leave it contested (and out of accuracy). */
export function settle(spec: FieldSpec, grades: GradeOf[], ctx: MatchContext): Settled | undefined {
  const [first] = grades;
  if (!first) return undefined;
  const labels = new Set(grades.map((g) => verdictLabel(spec, g.verdict, ctx)));
  if (labels.size > 1) return { kind: "contested" };
  const verdict = first.verdict;
  if (verdict.kind === "none") return { kind: "none" };
  if (verdict.kind === "rating") {
    return {
      kind: "ratings",
      pass: Object.fromEntries(Object.entries(verdict.ratings).map(([m, r]) => [m, r.pass])),
    };
  }
  return { kind: "value", value: verdict.value, key: verdictLabel(spec, verdict, ctx) };
}

/** Whether a model's answer is right by a settled label; undefined when the label says nothing about it. */
export function rightBy(
  spec: FieldSpec,
  settled: Settled,
  modelId: string,
  answer: { valid: boolean; value: unknown },
  ctx: MatchContext,
): boolean | undefined {
  switch (settled.kind) {
    case "contested":
      return undefined;
    case "none":
      return false;
    case "ratings":
      return settled.pass[modelId];
    case "value": {
      if (!answer.valid) return false;
      const matcher = matcherFor(spec.match);
      return matcher.equal(matcher.canonical(answer.value, ctx), matcher.canonical(settled.value, ctx));
    }
  }
}

export interface HumanMetrics {
  accuracy: number | null;
  ci95: [number, number] | null;
  /** Cases with a label: settled by people, or agreed by every model. */
  n: number;
  correct: number;
  /** Of those, cases settled by people. */
  graded: number;
}

/** Accuracy with its Wilson interval over labelled cases; `graded` says how many labels came from people. */
export function humanMetrics(outcomes: { right: boolean; byPerson: boolean }[]): HumanMetrics {
  const n = outcomes.length;
  const correct = outcomes.filter((o) => o.right).length;
  return {
    accuracy: n === 0 ? null : correct / n,
    ci95: n === 0 ? null : wilson(correct, n),
    n,
    correct,
    graded: outcomes.filter((o) => o.byPerson).length,
  };
}

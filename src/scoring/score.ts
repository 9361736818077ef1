// One field of one output against its gold label.
import type { FieldSpec, MatchContext } from "../core/types.js";
import { type Canonical, matcherFor } from "./matchers/index.js";

/**
 * `wrong` (a value, but not the gold one) counts as both a false positive and
 * a false negative; `invalid` (the output failed the schema) counts as a false
 * negative when gold has a value, and as nothing else.
 */
export type OutcomeKind = "tp" | "tn" | "fp" | "fn" | "wrong" | "invalid";

export interface FieldOutcome {
  field: string;
  correct: boolean;
  outcome: OutcomeKind;
  gold: Canonical;
  predicted: Canonical;
}

/**
 * Free-text fields are scored by normalised text like any other here; callers
 * keep them out of metrics with `isAutoScored` and send them to review.
 */
export function scoreField(
  spec: FieldSpec,
  gold: unknown,
  predicted: unknown,
  outputValid: boolean,
  ctx: MatchContext,
): FieldOutcome {
  const matcher = matcherFor(spec.match);
  const g = matcher.canonical(gold, ctx);
  // An invalid output's partial value is still canonicalised, so reviewers see what it said.
  const p = matcher.canonical(predicted, ctx);
  const outcome = classify(g, p, outputValid, matcher.equal);
  return { field: spec.name, correct: outcome === "tp" || outcome === "tn", outcome, gold: g, predicted: p };
}

function classify(
  gold: Canonical,
  predicted: Canonical,
  outputValid: boolean,
  equal: (a: Canonical, b: Canonical) => boolean,
): OutcomeKind {
  if (!outputValid) return "invalid";
  if (gold.kind === "none") return predicted.kind === "none" ? "tn" : "fp";
  if (predicted.kind === "none") return "fn";
  return equal(gold, predicted) ? "tp" : "wrong";
}

// One field of one output against its gold label.
import type { FieldSpec, MatchContext } from "../core/types.js";
import { type Canonical, type Matcher, matcherFor } from "./matchers/index.js";

/**
 * `wrong` (a value, but not the gold one) counts as both a false positive and
 * a false negative; `invalid` (the output failed the schema) counts as a false
 * negative when gold has a value, and as nothing else. `unreadable` (a value the
 * field's matcher cannot read, where gold has one) is neither right nor wrong:
 * it stays out of every metric, is counted apart, and goes to a person.
 */
export type OutcomeKind = "tp" | "tn" | "fp" | "fn" | "wrong" | "invalid" | "unreadable";

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
  return scoreCanonical(spec.name, g, p, outputValid, matcher);
}

/** `scoreField` for values already canonical: a run canonicalises a case's gold once for every model. */
export function scoreCanonical(
  field: string,
  gold: Canonical,
  predicted: Canonical,
  outputValid: boolean,
  matcher: Matcher,
): FieldOutcome {
  const outcome = classify(gold, predicted, outputValid, matcher.equal);
  return { field, correct: outcome === "tp" || outcome === "tn", outcome, gold, predicted };
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
  if (equal(gold, predicted)) return "tp";
  // An unread value is a matcher's gap, not the model's error: scoring it as text would hide the gap as a
  // drop in accuracy. A value where gold has none is still a false positive, read or not.
  return predicted.kind === "unparsed" ? "unreadable" : "wrong";
}

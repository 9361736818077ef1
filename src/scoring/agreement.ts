// Whether several models gave the same answer for one field of one case.
import type { FieldSpec, MatchContext } from "../core/types.js";
import { type Canonical, type Matcher, matcherFor } from "./matchers/index.js";

export interface ModelValue {
  modelId: string;
  /** Whether the model's whole output passed the schema. */
  valid: boolean;
  value: unknown;
}

export interface AgreementGroup {
  key: string;
  canonical: Canonical;
  models: string[];
}

export interface FieldAgreement {
  agreed: boolean;
  /** Camps of models with equal values, largest first (ties keep input order). */
  groups: AgreementGroup[];
  /** Models whose output failed the schema; they are in no group. */
  invalid: string[];
}

/**
 * Agreed when every output is valid and every value equals every other
 * (all absent counts as agreement). One valid model agrees with itself;
 * callers that need a second opinion check the count. No models: not agreed.
 * With a tolerance, equality is not transitive, so a value joins the first
 * group whose first member it equals, and agreement checks every pair.
 */
export function agreeOnField(spec: FieldSpec, values: ModelValue[], ctx: MatchContext): FieldAgreement {
  const matcher = matcherFor(spec.match);
  return agreeOnCanonicals(
    matcher,
    values.map((v) => ({ modelId: v.modelId, canonical: v.valid ? matcher.canonical(v.value, ctx) : null })),
  );
}

/** `agreeOnField` for values already canonical; null stands for an output that failed the schema. */
export function agreeOnCanonicals(
  matcher: Matcher,
  values: { modelId: string; canonical: Canonical | null }[],
): FieldAgreement {
  const invalid: string[] = [];
  const canonicals: { id: string; c: Canonical }[] = [];
  for (const v of values) {
    if (v.canonical === null) invalid.push(v.modelId);
    else canonicals.push({ id: v.modelId, c: v.canonical });
  }
  const groups: AgreementGroup[] = [];
  for (const { id, c } of canonicals) {
    const group = groups.find((g) => matcher.equal(g.canonical, c));
    if (group) group.models.push(id);
    else groups.push({ key: matcher.key(c), canonical: c, models: [id] });
  }
  // Array.prototype.sort is stable, so equal-sized groups keep first-seen order.
  groups.sort((a, b) => b.models.length - a.models.length);
  const pairwise = canonicals.every((a, i) => canonicals.slice(i + 1).every((b) => matcher.equal(a.c, b.c)));
  return { agreed: values.length > 0 && invalid.length === 0 && pairwise, groups, invalid };
}

/** Share of agreed results; null when there are none. */
export function agreementRate(results: { agreed: boolean }[]): number | null {
  if (results.length === 0) return null;
  return results.filter((r) => r.agreed).length / results.length;
}

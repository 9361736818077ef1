// The matcher registry: a new matcher is one file and one line here.
import type { MatchSpec } from "../../core/types.js";
import { createBooleanMatcher } from "./boolean.js";
import { createDateMatcher } from "./date.js";
import { createEnumMatcher } from "./enum.js";
import { createExactMatcher } from "./exact.js";
import { createFreeTextMatcher } from "./free-text.js";
import type { Matcher } from "./matcher.js";
import { createNumberMatcher } from "./number.js";
import { createPhoneMatcher } from "./phone.js";
import { createSetMatcher } from "./set.js";
import { createTextMatcher } from "./text.js";
import { createTimeMatcher } from "./time.js";

export type { Canonical, Matcher } from "./matcher.js";

export type MatchKind = MatchSpec["kind"];
type SpecOf<K extends MatchKind> = Extract<MatchSpec, { kind: K }>;

const REGISTRY: { [K in MatchKind]: (spec: SpecOf<K>) => Matcher } = {
  exact: createExactMatcher,
  text: createTextMatcher,
  number: (spec) => createNumberMatcher(spec.tolerance),
  boolean: createBooleanMatcher,
  enum: createEnumMatcher,
  phone: (spec) => createPhoneMatcher(spec.region),
  date: createDateMatcher,
  time: createTimeMatcher,
  set: (spec) => createSetMatcher(matcherFor(spec.of)),
  "free-text": createFreeTextMatcher,
};

/** Every `match` name a schema may use, in registry order. */
export const MATCH_KINDS = Object.keys(REGISTRY) as MatchKind[];

// Matchers hold no state, so one per spec serves every value; scoring asks for one per field and value.
const built = new WeakMap<MatchSpec, Matcher>();

export function matcherFor(spec: MatchSpec): Matcher {
  let matcher = built.get(spec);
  if (!matcher) {
    matcher = build(spec);
    built.set(spec, matcher);
  }
  return matcher;
}

// Generic so the registry entry and the spec are known to be of the same kind.
function build<K extends MatchKind>(spec: SpecOf<K>): Matcher {
  const create: (spec: SpecOf<K>) => Matcher = REGISTRY[spec.kind as K];
  return create(spec);
}

/** Free text goes to people or a judge model; everything else is scored by its matcher. */
export function isAutoScored(spec: MatchSpec): boolean {
  if (spec.kind === "set") return isAutoScored(spec.of);
  return spec.kind !== "free-text";
}

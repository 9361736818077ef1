// Shorthands for matcher tests: canonicalise and compare values under one spec.
import type { MatchContext, MatchSpec } from "../../src/core/types.js";
import { type Canonical, matcherFor } from "../../src/scoring/matchers/index.js";

/** A Wednesday, so "Friday" and "next Tuesday" land on different weeks' days. */
export const CTX: MatchContext = { phoneRegion: "US", referenceDate: "2026-03-25" };

export function canonical(spec: MatchSpec, value: unknown, ctx: MatchContext = CTX): Canonical {
  return matcherFor(spec).canonical(value, ctx);
}

/** The canonical value, or the canonical itself when the value is absent or unreadable. */
export function read(spec: MatchSpec, value: unknown, ctx: MatchContext = CTX): unknown {
  const c = canonical(spec, value, ctx);
  return c.kind === "value" ? c.value : c;
}

export function same(spec: MatchSpec, a: unknown, b: unknown, ctx: MatchContext = CTX): boolean {
  const matcher = matcherFor(spec);
  return matcher.equal(matcher.canonical(a, ctx), matcher.canonical(b, ctx));
}

// One field's matcher with its canonical values remembered for a run: gold and answers repeat ("booking",
// "+15550102345", "17:30"), and some parsers, phone numbers above all, cost tens of microseconds a value.
import type { FieldSpec, MatchContext, MatchSpec } from "../core/types.js";
import { type Canonical, isAutoScored, type Matcher, matcherFor } from "./matchers/index.js";

// Bounds memory on runs with mostly distinct values (names, phone numbers); those gain little anyway.
const MAX_REMEMBERED = 2_000;

export interface FieldScorer {
  readonly field: FieldSpec;
  readonly matcher: Matcher;
  /** Whether a matcher settles the field (not free text). */
  readonly auto: boolean;
  /** `matcher.canonical(value, ctx)`, computed once per value and the part of the context it reads. */
  canonical(value: unknown, ctx: MatchContext): Canonical;
}

export function fieldScorer(field: FieldSpec): FieldScorer {
  const matcher = matcherFor(field.match);
  const contextKey = contextKeyOf(field.match);
  // Context key → value → canonical. Keyed by the value itself: Map tells "5" from 5 and true from 1.
  const remembered = new Map<string, Map<string | number | boolean, Canonical>>();
  let size = 0;
  return {
    field,
    matcher,
    auto: isAutoScored(field.match),
    canonical(value, ctx) {
      if (!isRememberable(value)) return matcher.canonical(value, ctx);
      const key = contextKey(ctx);
      let values = remembered.get(key);
      if (!values) {
        values = new Map();
        remembered.set(key, values);
      }
      let canonical = values.get(value);
      if (canonical === undefined) {
        if (size >= MAX_REMEMBERED) {
          remembered.clear();
          size = 0;
          values = new Map();
          remembered.set(key, values);
        }
        canonical = matcher.canonical(value, ctx);
        values.set(value, canonical);
        size++;
      }
      return canonical;
    },
  };
}

/**
 * Strings, numbers and booleans; objects and arrays are not remembered, since keying them would cost about
 * what canonicalising does. Nor is -0: a Map takes it for 0, but a matcher may not.
 */
function isRememberable(value: unknown): value is string | number | boolean {
  if (typeof value === "number") return !Object.is(value, -0);
  return typeof value === "string" || typeof value === "boolean";
}

/** The part of a case's context a matcher reads; a kind not listed here is assumed to read all of it. */
function contextKeyOf(spec: MatchSpec): (ctx: MatchContext) => string {
  switch (spec.kind) {
    case "exact":
    case "text":
    case "number":
    case "boolean":
    case "enum":
    case "time":
    case "free-text":
      return () => "";
    case "phone":
      return spec.region === undefined ? (ctx) => ctx.phoneRegion : () => "";
    case "date":
      return (ctx) => ctx.referenceDate ?? "";
    case "set":
      return contextKeyOf(spec.of);
    default:
      return (ctx) => `${ctx.phoneRegion}\0${ctx.referenceDate ?? ""}`;
  }
}

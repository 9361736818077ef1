// The matcher contract, and the handling of missing and unreadable values that every matcher shares.
import type { MatchContext } from "../../core/types.js";
import { normaliseText, stableJson } from "./normalise.js";

/**
 * A value brought to a form that compares. `none` is an absent answer (null,
 * undefined, "", []); `unparsed` is something the normaliser could not read,
 * kept as normalised text so two identical oddities still match each other.
 */
export type Canonical =
  | { kind: "none" }
  | { kind: "value"; value: string | number | boolean | string[] }
  | { kind: "unparsed"; raw: string };

export type CanonicalValue = Extract<Canonical, { kind: "value" }>["value"];

export interface Matcher {
  canonical(value: unknown, ctx: MatchContext): Canonical;
  equal(a: Canonical, b: Canonical): boolean;
  /** Groups values: equal values share a key (for tolerance matchers, `equal` is the real test). */
  key(c: Canonical): string;
}

export const NONE: Canonical = { kind: "none" };

export function isNone(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  return Array.isArray(value) && value.length === 0;
}

/** The plain string form of a canonical value, as reports show it. */
export function valueKey(value: CanonicalValue): string {
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}

/**
 * Keys never collide across kinds: value keys of parsing matchers have fixed
 * shapes, text-like matchers never produce `unparsed`, and no value is empty.
 */
export function canonicalKey(c: Canonical): string {
  if (c.kind === "none") return "";
  if (c.kind === "unparsed") return `unparsed:${c.raw}`;
  return valueKey(c.value);
}

interface MatcherParts {
  /** Reads a present value; `undefined` means it could not be read. */
  parse(value: unknown, ctx: MatchContext): CanonicalValue | undefined;
  /** Equality of two parsed values; defaults to equal keys. */
  equalValues?(a: CanonicalValue, b: CanonicalValue): boolean;
}

export function defineMatcher(parts: MatcherParts): Matcher {
  const equalValues = parts.equalValues ?? ((a, b) => valueKey(a) === valueKey(b));
  return {
    canonical(value, ctx) {
      if (isNone(value)) return NONE;
      const parsed = parts.parse(value, ctx);
      if (parsed === undefined) return { kind: "unparsed", raw: rawText(value) };
      // "." normalises to nothing: an empty value would pass for an answer, so it is none.
      if (parsed === "" || (Array.isArray(parsed) && parsed.length === 0)) return NONE;
      return { kind: "value", value: parsed };
    },
    equal(a, b) {
      if (a.kind === "value" && b.kind === "value") return equalValues(a.value, b.value);
      if (a.kind === "unparsed" && b.kind === "unparsed") return a.raw === b.raw;
      return a.kind === "none" && b.kind === "none";
    },
    key: canonicalKey,
  };
}

function rawText(value: unknown): string {
  return normaliseText(typeof value === "string" ? value : stableJson(value));
}

import { defineMatcher, type Matcher } from "./matcher.js";
import { normaliseText, stableJson } from "./normalise.js";

/** Any value as normalised text; objects become their stable JSON, so text never fails to parse. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return normaliseText(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return normaliseText(String(value));
  }
  return normaliseText(stableJson(value));
}

export function createTextMatcher(): Matcher {
  return defineMatcher({ parse: textOf });
}

import { defineMatcher, type Matcher } from "./matcher.js";
import { stableJson } from "./normalise.js";

/** Deep equality of JSON: the canonical value is the JSON text with sorted keys. */
export function createExactMatcher(): Matcher {
  return defineMatcher({ parse: (value) => stableJson(value) });
}

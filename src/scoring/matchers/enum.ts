import type { Matcher } from "./matcher.js";
import { createTextMatcher } from "./text.js";

/**
 * Enum members compare as normalised text ("Cancel" = "cancel"), then exactly:
 * no fuzzy matching, because a near-miss member is a different answer.
 */
export function createEnumMatcher(): Matcher {
  return createTextMatcher();
}

import type { Matcher } from "./matcher.js";
import { createTextMatcher } from "./text.js";

/**
 * Free text is judged by people or a judge model, not scored here (see
 * `isAutoScored`). It still canonicalises as normalised text, so identical
 * answers from several models group together for review.
 */
export function createFreeTextMatcher(): Matcher {
  return createTextMatcher();
}

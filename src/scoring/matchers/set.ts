// Lists whose order does not matter ("which services", "which phone numbers"), compared as sets.
import type { MatchContext } from "../../core/types.js";
import { defineMatcher, type Matcher } from "./matcher.js";

/**
 * The canonical value is the sorted, de-duplicated keys of the elements under
 * `element`; absent elements (null, "") are dropped. Elements compare by key,
 * so a number tolerance does not apply inside a set. A lone value stands for a
 * one-element list, since models often drop the brackets around one item.
 */
export function createSetMatcher(element: Matcher): Matcher {
  return defineMatcher({
    parse(value: unknown, ctx: MatchContext) {
      const items = Array.isArray(value) ? value : [value];
      const keys = new Set<string>();
      for (const item of items) {
        const canonical = element.canonical(item, ctx);
        if (canonical.kind !== "none") keys.add(element.key(canonical));
      }
      return [...keys].sort();
    },
  });
}

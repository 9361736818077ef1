import { defineMatcher, type Matcher } from "./matcher.js";
import { normaliseText } from "./normalise.js";

const WORDS = new Map<string, boolean>(
  Object.entries({
    true: true,
    yes: true,
    y: true,
    はい: true,
    ええ: true,
    false: false,
    no: false,
    n: false,
    いいえ: false,
    いえ: false,
  }),
);

export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return undefined;
  return WORDS.get(normaliseText(value));
}

export function createBooleanMatcher(): Matcher {
  return defineMatcher({ parse: parseBoolean });
}

// Numbers: digits in any width, thousands separators, English words and kanji, with a tolerance.
import { defineMatcher, type Matcher } from "./matcher.js";
import { normaliseText } from "./normalise.js";
import { parseEnglishCount } from "./number-english.js";
import { parseJapaneseCount } from "./number-japanese.js";
import { parseKanjiNumber } from "./numerals.js";

const DIGITS = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/u;

export function parseNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  // NFKC turns "３" and "１，２００" into ASCII.
  const text = normaliseText(value);
  if (/\d/u.test(text) && DIGITS.test(text)) return Number(text.replaceAll(",", ""));
  return parseJapaneseCount(text) ?? parseKanjiNumber(text) ?? parseEnglishCount(text);
}

export function createNumberMatcher(tolerance = 0): Matcher {
  return defineMatcher({
    parse: parseNumber,
    equalValues: (a, b) => typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= tolerance,
  });
}

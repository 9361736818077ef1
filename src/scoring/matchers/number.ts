// Numbers: digits in any width, thousands separators, English words and kanji, with a tolerance.
import { defineMatcher, type Matcher } from "./matcher.js";
import { normaliseText } from "./normalise.js";
import { parseEnglishNumber, parseKanjiNumber } from "./numerals.js";

// Counters a Japanese speaker puts after a count ("4人", "3個"); they carry no value.
const JAPANESE_COUNTER = /(?:人|名|個|時|分|件|回|枚|本|台|歳|才|つ)$/u;
const DIGITS = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/u;

export function parseNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  // NFKC turns "３" and "１，２００" into ASCII; the counter goes before the number is read.
  const text = normaliseText(value).replace(JAPANESE_COUNTER, "").trim();
  if (/\d/u.test(text) && DIGITS.test(text)) return Number(text.replaceAll(",", ""));
  return parseKanjiNumber(text) ?? parseEnglishNumber(text);
}

export function createNumberMatcher(tolerance = 0): Matcher {
  return defineMatcher({
    parse: parseNumber,
    equalValues: (a, b) => typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= tolerance,
  });
}

// Dates, compared as ISO YYYY-MM-DD; relative and yearless dates are read against the call's date.
import { formatIsoDate, makeDate, parseReferenceDate } from "./calendar.js";
import { parseEnglishDate } from "./date-english.js";
import { parseJapaneseDate } from "./date-japanese.js";
import { defineMatcher, type Matcher } from "./matcher.js";
import { normaliseText } from "./normalise.js";

/**
 * ISO date of `value`, or undefined when it cannot be read. Relative dates
 * ("tomorrow", "明日") and dates without a year need `referenceDate`; without
 * one they stay unread rather than guessing a year.
 */
export function parseDate(value: unknown, referenceDate: string | undefined): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const day = makeDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    return day && formatIsoDate(day);
  }
  if (typeof value !== "string") return undefined;
  const ref = parseReferenceDate(referenceDate);
  // NFKC makes "３月３０日" read as "3月30日" and "㋿" as "令和".
  const text = normaliseText(value);
  const date = parseEnglishDate(text, ref) ?? parseJapaneseDate(text, ref);
  return date && formatIsoDate(date);
}

export function createDateMatcher(): Matcher {
  return defineMatcher({ parse: (value, ctx) => parseDate(value, ctx.referenceDate) });
}

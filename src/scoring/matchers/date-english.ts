// English and numeric date phrases: "March 30, 2026", "03/30/2026", "30.03.2026", "next Tuesday".
import { addDays, makeDate, nextWeekday, resolveYearless, weekdayOfWeek } from "./calendar.js";

const MONTH_NAMES = "january february march april may june july august september october november december";
const WEEKDAY_NAMES = "sunday monday tuesday wednesday thursday friday saturday";
const RELATIVE_DAYS = new Map<string, number>([
  ["today", 0],
  ["tonight", 0],
  ["tomorrow", 1],
  ["yesterday", -1],
  ["day after tomorrow", 2],
  ["the day after tomorrow", 2],
]);

/**
 * Position (from 0) of the name that `word` abbreviates to three letters or
 * more: "mar", "march", "sept", "tues". Shorter words are too ambiguous.
 */
function nameIndex(names: string, word: string): number | undefined {
  if (word.length < 3) return undefined;
  const index = names.split(" ").findIndex((name) => name.startsWith(word));
  return index === -1 ? undefined : index;
}

function monthNumber(word: string): number | undefined {
  const index = nameIndex(MONTH_NAMES, word);
  return index === undefined ? undefined : index + 1;
}

/** 0 = Sunday, as Date.getUTCDay counts. */
function weekdayNumber(word: string): number | undefined {
  return nameIndex(WEEKDAY_NAMES, word);
}

function year(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // Two-digit years on a phone call are this century's ("3/30/26").
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function withOptionalYear(y: number | undefined, month: number, day: number, ref: Date | undefined) {
  return y === undefined ? resolveYearless(month, day, ref) : makeDate(y, month, day);
}

/** Reads normalised (lower-case, NFKC) English or numeric date text. */
export function parseEnglishDate(input: string, ref: Date | undefined): Date | undefined {
  const text = input.replace(/^(?:on|by|for)\s+/u, "").replace(/(\d)(?:st|nd|rd|th)\b/gu, "$1");

  let m = text.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ].*)?$/u);
  if (m) return makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // Slashes are read month first, as in the US (and in Japanese "3/30").
  m = text.match(/^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?$/u);
  if (m) return withOptionalYear(year(m[3]), Number(m[1]), Number(m[2]), ref);
  // Dots are read day first, as in Europe.
  m = text.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u);
  if (m) return makeDate(Number(m[3]), Number(m[2]), Number(m[1]));

  // A weekday before a full date adds nothing: "Monday, March 30".
  const dated = text.replace(/^[a-z]+day,?\s+(?=\S*\d|[a-z]+\.?\s+\d)/u, "").replace(/^the\s+/u, "");
  m = dated.match(/^([a-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/u);
  const monthFirst = m ? monthNumber(m[1] ?? "") : undefined;
  if (m && monthFirst !== undefined) return withOptionalYear(year(m[3]), monthFirst, Number(m[2]), ref);
  m = dated.match(/^(\d{1,2})\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?$/u);
  const dayFirst = m ? monthNumber(m[2] ?? "") : undefined;
  if (m && dayFirst !== undefined) return withOptionalYear(year(m[3]), dayFirst, Number(m[1]), ref);

  return parseRelative(text, ref);
}

function parseRelative(text: string, ref: Date | undefined): Date | undefined {
  if (!ref) return undefined;
  const offset = RELATIVE_DAYS.get(text);
  if (offset !== undefined) return addDays(ref, offset);
  // "next Tuesday" is read as the coming Tuesday, like "Tuesday" and "this Tuesday":
  // speakers split on whether it skips a week, and the coming one is the common reading.
  let m = text.match(/^(?:(?:next|this|coming|this coming)\s+)?([a-z]+)$/u);
  let weekday = m ? weekdayNumber(m[1] ?? "") : undefined;
  if (weekday !== undefined) return nextWeekday(ref, weekday);
  m = text.match(/^(?:([a-z]+)\s+next week|next week\s+([a-z]+))$/u);
  weekday = m ? weekdayNumber(m[1] ?? m[2] ?? "") : undefined;
  if (weekday !== undefined) return weekdayOfWeek(ref, weekday, 1);
  return undefined;
}

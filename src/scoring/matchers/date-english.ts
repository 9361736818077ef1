// English and numeric dates: "March 30, 2026", "03/30/2026", "30.03.2026", "Sun, Mar. 6, 2016", "09-JAN-2017".
import { makeDate, resolveYearless } from "./calendar.js";
import { parseEnglishRelativeDate } from "./date-relative.js";
import { parseOrdinal } from "./numerals.js";

const MONTH_NAMES = "january february march april may june july august september october november december";
export const WEEKDAY_NAMES = "sunday monday tuesday wednesday thursday friday saturday";

/**
 * Position (from 0) of the name that `word` abbreviates to three letters or
 * more: "mar", "march", "sept", "tues". Shorter words are too ambiguous.
 */
export function nameIndex(names: string, word: string): number | undefined {
  if (word.length < 3) return undefined;
  const index = names.split(" ").findIndex((name) => name.startsWith(word));
  return index === -1 ? undefined : index;
}

function monthNumber(word: string): number | undefined {
  const index = nameIndex(MONTH_NAMES, word);
  return index === undefined ? undefined : index + 1;
}

function year(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // Two-digit years on a phone call are this century's ("3/30/26").
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function withOptionalYear(y: number | undefined, month: number, day: number, ref: Date | undefined) {
  return y === undefined ? resolveYearless(month, day, ref) : makeDate(y, month, day);
}

// A time after an ISO date ("2026-03-30T10:00", "2026-03-30 10:00"); any other words after it are not a date.
const ISO =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:t\d{1,2}:\d{2}[\d:.]*(?:z|[+-]\d{2}:?\d{2})?|\s\d{1,2}:\d{2}(?::\d{2})?)?$/u;

/** Reads normalised (lower-case, NFKC) English or numeric date text. */
export function parseEnglishDate(input: string, ref: Date | undefined): Date | undefined {
  const text = input.replace(/^(?:on|by|for)\s+/u, "");
  return (
    absoluteDate(text, ref) ?? withWeekday(text, ref) ?? parseEnglishRelativeDate(text, ref, absoluteDate)
  );
}

/** A weekday before a full date must agree with it: "Sun, March 6, 2016", "Tuesday 11/3/2015". */
function withWeekday(text: string, ref: Date | undefined): Date | undefined {
  const m = text.match(/^([a-z]+)\.?,?\s*(.+)$/u);
  const weekday = m ? nameIndex(WEEKDAY_NAMES, m[1] ?? "") : undefined;
  if (weekday === undefined) return undefined;
  const date = absoluteDate(m?.[2] ?? "", ref);
  return date && date.getUTCDay() === weekday ? date : undefined;
}

/** A date written out in full or in figures, with no relative words. */
export function absoluteDate(text: string, ref: Date | undefined): Date | undefined {
  let m = text.match(ISO) ?? text.match(/^(\d{4}) (\d{1,2}) (\d{1,2})$/u);
  if (m) return makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // Slashes and dashes are read month first, as in the US (and in Japanese "3/30"), unless the first field
  // cannot be a month ("25/05/2015").
  m = text.match(/^(\d{1,2})\s*([/-])\s*(\d{1,2})(?:\2(\d{4}|\d{2}))?$/u);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    const dayFirst = a > 12 && b <= 12;
    return withOptionalYear(year(m[4]), dayFirst ? b : a, dayFirst ? a : b, ref);
  }
  // Dots are read day first, as in Europe, unless the second field cannot be a month ("05.25.2015").
  m = text.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return b > 12 ? makeDate(Number(m[3]), a, b) : makeDate(Number(m[3]), b, a);
  }
  return namedMonth(text, ref);
}

/** One month name, a day and perhaps a year, in any usual order: "10-August-2012", "march third 2015". */
function namedMonth(text: string, ref: Date | undefined): Date | undefined {
  const tokens = text
    .replace(/(\d)(st|nd|rd|th)\b/gu, "$1")
    .replace(/\b(?:twenty|thirty)[\s-][a-z]+/gu, (words) => String(parseOrdinal(words) ?? words))
    .replace(/([a-z])(\d)|(\d)([a-z])/gu, "$1$3 $2$4")
    .split(/[\s,/.-]+/u)
    .filter((t) => t !== "" && t !== "the" && t !== "of");
  if (tokens.length < 2 || tokens.length > 3) return undefined;
  const months = tokens.map(monthNumber);
  const at = months.findIndex((n) => n !== undefined);
  const month = months[at];
  if (month === undefined || months.filter((n) => n !== undefined).length !== 1) return undefined;
  const others = tokens.filter((_, i) => i !== at);
  const dayIndex = others.findIndex((t) => dayOf(t) !== undefined);
  const day = dayOf(others[dayIndex] ?? "");
  if (day === undefined) return undefined;
  const yearText = others.find((_, i) => i !== dayIndex);
  if (yearText !== undefined && !/^\d{4}$/u.test(yearText)) return undefined;
  // A year comes last, or first in front of the month ("2018 march 18"); never between month and day.
  const yearAt = yearText === undefined ? -1 : tokens.indexOf(yearText);
  if (yearAt !== -1 && yearAt !== 2 && !(yearAt === 0 && at === 1)) return undefined;
  return withOptionalYear(year(yearText), month, day, ref);
}

function dayOf(token: string): number | undefined {
  const n = /^\d{1,2}$/u.test(token) ? Number(token) : parseOrdinal(token);
  return n !== undefined && n >= 1 && n <= 31 ? n : undefined;
}

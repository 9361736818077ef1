// Japanese date phrases: "2026年3月30日", "令和8年3月30日", "3月30日(月)", "明日", "来週の火曜日".
import { addDays, makeDate, nextWeekday, resolveYearless, weekdayOfWeek } from "./calendar.js";
import { parseKanjiNumber } from "./numerals.js";

// The first year of each era is 元年; the offset turns era years into Gregorian ones.
const ERAS = new Map<string, number>([
  ["令和", 2018],
  ["平成", 1988],
  ["昭和", 1925],
]);
const RELATIVE_DAYS = new Map<string, number>([
  ["今日", 0],
  ["本日", 0],
  ["きょう", 0],
  ["明日", 1],
  ["あした", 1],
  ["あす", 1],
  ["明後日", 2],
  ["あさって", 2],
  ["昨日", -1],
  ["きのう", -1],
]);
const WEEKDAYS = "日月火水木金土";
const WEEK_OFFSETS = new Map<string, number>([
  ["今週", 0],
  ["来週", 1],
  ["再来週", 2],
]);

const NUM = "[0-9〇一二三四五六七八九十]+";
const FULL_DATE = new RegExp(`^(?:(令和|平成|昭和|西暦)?(元|${NUM})年)?(${NUM})月(${NUM})日$`, "u");
// A weekday after the date repeats it: "3月30日(月)", "3月30日月曜日".
const TRAILING_WEEKDAY = /(?:\([日月火水木金土](?:曜日?)?\)|[日月火水木金土]曜日?)$/u;

function gregorianYear(era: string | undefined, yearText: string): number | undefined {
  const n = yearText === "元" ? 1 : parseKanjiNumber(yearText);
  if (n === undefined) return undefined;
  const offset = era === undefined ? undefined : ERAS.get(era);
  if (offset !== undefined) return offset + n;
  return yearText.length === 2 ? 2000 + n : n;
}

/** Reads normalised (NFKC) Japanese date text; undefined when it is not Japanese or not a date. */
export function parseJapaneseDate(input: string, ref: Date | undefined): Date | undefined {
  // Japanese writes no spaces in dates; a speech recogniser sometimes adds them.
  const text = input.replace(/\s+/gu, "").replace(/(?:に|の|まで)$/u, "");
  const dated = text.replace(TRAILING_WEEKDAY, "");
  const m = dated.match(FULL_DATE);
  if (m) {
    const month = parseKanjiNumber(m[3] ?? "");
    const day = parseKanjiNumber(m[4] ?? "");
    if (month === undefined || day === undefined) return undefined;
    if (m[2] === undefined) return resolveYearless(month, day, ref);
    const year = gregorianYear(m[1], m[2]);
    return year === undefined ? undefined : makeDate(year, month, day);
  }
  if (!ref) return undefined;
  const offset = RELATIVE_DAYS.get(text);
  if (offset !== undefined) return addDays(ref, offset);
  const w = text.match(/^(今週|来週|再来週|次|今度)?の?([日月火水木金土])曜日?$/u);
  if (!w) return undefined;
  const weekday = WEEKDAYS.indexOf(w[2] ?? "");
  const weekOffset = WEEK_OFFSETS.get(w[1] ?? "");
  return weekOffset === undefined ? nextWeekday(ref, weekday) : weekdayOfWeek(ref, weekday, weekOffset);
}

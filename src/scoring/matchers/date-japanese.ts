// Japanese date phrases: "2026年3月30日", "令和8年3月30日", "3月30日(月)", "明日", "来週の火曜日", "2ヶ月後".
import {
  addDays,
  makeDate,
  nextDayOfMonth,
  nextWeekday,
  resolveYearless,
  weekdayOfWeek,
} from "./calendar.js";
import { absoluteDate } from "./date-english.js";
import { shift } from "./date-relative.js";
import { parseKanjiNumber } from "./numerals.js";

// The first year of each era is 元年; the offset turns era years into Gregorian ones.
const ERAS = new Map<string, number>([
  ["令和", 2018],
  ["平成", 1988],
  ["昭和", 1925],
]);
const RELATIVE_DAYS = new Map<string, number>(
  Object.entries({
    今日: 0,
    本日: 0,
    きょう: 0,
    ほんじつ: 0,
    今夜: 0,
    こんや: 0,
    今夕: 0,
    こんゆう: 0,
    今晩: 0,
    こんばん: 0,
    今朝: 0,
    けさ: 0,
    明日: 1,
    あした: 1,
    あす: 1,
    みょうにち: 1,
    明後日: 2,
    あさって: 2,
    みょうごにち: 2,
    明々後日: 3,
    しあさって: 3,
    昨日: -1,
    きのう: -1,
    さくじつ: -1,
    一昨日: -2,
    おととい: -2,
  }),
);
const WEEKDAYS = "日月火水木金土";
const KANA_WEEKDAYS = ["にち", "げつ", "か", "すい", "もく", "きん", "ど"];
const WEEK_OFFSETS = new Map<string, number>([
  ["今週", 0],
  ["来週", 1],
  ["再来週", 2],
]);
// What a sentence leaves after a date: "3月25日に", "25日は", "2021/3/25で", "月曜までに".
const PARTICLE = /(?:には|までに|まで|から|に|で|は|の|を|が|も|です)$/u;
const NUM = "[0-9〇一二三四五六七八九十]+";
const FULL_DATE = new RegExp(`^(?:(令和|平成|昭和|西暦)?(元|${NUM})年)?(${NUM})月(${NUM})日$`, "u");
// A weekday after the date repeats it: "3月30日(月)", "3月30日月曜日".
const TRAILING_WEEKDAY = /(?:\([日月火水木金土](?:曜日?)?\)|[日月火水木金土]曜日?)$/u;
const SPAN = new RegExp(
  `^(${NUM})(日|週間|週|ヶ月|か月|カ月|ケ月|ヵ月|年)(?:間)?(後|前|経ったら|経ってから|経過後|経過してから|経過したら|過ぎたら|過ぎ|で)`,
  "u",
);
const UNITS = new Map<string, string>(Object.entries({ 日: "day", 週間: "week", 週: "week", 年: "year" }));

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
  const spaced = input.replace(/\s+/gu, "");
  const span = spaced.match(SPAN);
  const later = span && ref && /^(?:に|から)?$/u.test(spaced.slice(span[0].length)) && counted(span, ref);
  if (later) return later;
  let text = spaced;
  for (let before = ""; before !== text; ) {
    before = text;
    text = text.replace(PARTICLE, "");
  }
  const particle = text !== spaced;
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
  // "2021/3/25に", "03/25(水)": figures, read as in English (month first).
  if (/^[\d/.-]+$/u.test(dated)) return absoluteDate(dated, ref);
  if (!ref) return undefined;
  return relative(text, particle, ref);
}

function relative(text: string, particle: boolean, ref: Date): Date | undefined {
  const offset = RELATIVE_DAYS.get(text);
  if (offset !== undefined) return addDays(ref, offset);
  const day = text.match(new RegExp(`^(${NUM})日$`, "u"));
  if (day) return nextDayOfMonth(ref, parseKanjiNumber(day[1] ?? "") ?? 0);
  const kana = text.match(/^(にち|げつ|か|すい|もく|きん|ど)よう(?:び)?$/u);
  if (kana) return nextWeekday(ref, KANA_WEEKDAYS.indexOf(kana[1] ?? ""));
  // A lone 火 or (木) is a weekday only when a particle or brackets mark it as one: "火は", "(木)に".
  const lone = text.match(/^\(?([日月火水木金土])\)?$/u);
  if (lone && (particle || text.startsWith("("))) return nextWeekday(ref, WEEKDAYS.indexOf(lone[1] ?? ""));
  const w = text.match(/^(今週|来週|再来週|次|今度)?の?([日月火水木金土])曜日?$/u);
  if (!w) return undefined;
  const weekday = WEEKDAYS.indexOf(w[2] ?? "");
  const weekOffset = WEEK_OFFSETS.get(w[1] ?? "");
  return weekOffset === undefined ? nextWeekday(ref, weekday) : weekdayOfWeek(ref, weekday, weekOffset);
}

/** "2ヶ月後", "1週間後", "3日前": a count of days, weeks, months or years from the call. */
function counted(m: RegExpMatchArray, ref: Date): Date | undefined {
  const n = parseKanjiNumber(m[1] ?? "");
  const unit = UNITS.get(m[2] ?? "") ?? "month";
  if (n === undefined || n < 1) return undefined;
  // "3日で" could be "within three days"; only weeks and months read as a point ("2ヶ月で").
  if (m[3] === "で" && unit === "day") return undefined;
  return shift(ref, m[3] === "前" ? -n : n, unit);
}

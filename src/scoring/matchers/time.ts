// Times of day, compared as 24-hour "HH:MM": "5:30 pm", "17時半", "午後5時", "noon".
import { defineMatcher, type Matcher } from "./matcher.js";
import { normaliseText } from "./normalise.js";
import { parseEnglishNumber, parseKanjiNumber } from "./numerals.js";

type Half = "am" | "pm" | undefined;

// Words around a time that change nothing ("around 5pm", "5時頃", "at 5 o'clock").
const FILLER =
  /^(?:at|around|about|by|approximately|approx)\s+|\s*(?:o'clock|o’clock|頃|ごろ|くらい|ぐらい|から|に)$/gu;
const ENGLISH_PERIODS: [RegExp, Half][] = [
  [/\s*(?:in the morning|this morning)$/u, "am"],
  [/\s*(?:in the afternoon|this afternoon|in the evening|this evening|at night|tonight)$/u, "pm"],
];
// 夕方 (evening) and 夜/晩 (night) put the hour after noon, like 午後.
const JAPANESE_PERIODS = new Map<string, Half>([
  ["午前", "am"],
  ["朝", "am"],
  ["午後", "pm"],
  ["昼", "pm"],
  ["夕方", "pm"],
  ["夜", "pm"],
  ["晩", "pm"],
]);
const NAMED = new Map<string, string>([
  ["noon", "12:00"],
  ["midday", "12:00"],
  ["12 noon", "12:00"],
  ["正午", "12:00"],
  ["midnight", "00:00"],
  ["12 midnight", "00:00"],
]);

function asHalf(text: string | undefined): Half {
  return text === "am" || text === "pm" ? text : undefined;
}

function format(hour: number, minute: number, half: Half): string | undefined {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute < 0 || minute > 59) return undefined;
  let h = hour;
  if (half !== undefined) {
    // "17:30 pm" is redundant but clear; "17:30 am" contradicts itself.
    if (hour > 12 && half === "am") return undefined;
    if (hour <= 12) h = (hour % 12) + (half === "pm" ? 12 : 0);
  }
  if (h < 0 || h > 23) return undefined;
  return `${String(h).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

function hourNumber(text: string): number | undefined {
  return /^\d+$/u.test(text) ? Number(text) : (parseKanjiNumber(text) ?? parseEnglishNumber(text));
}

function parseEnglishTime(input: string): string | undefined {
  let text = input.replace(/\b([ap])\.?m\.?$/u, "$1m");
  let half: Half;
  for (const [pattern, period] of ENGLISH_PERIODS) {
    if (pattern.test(text)) {
      text = text.replace(pattern, "");
      half = period;
    }
  }
  const m = text.match(/^(\d{1,2})(?::(\d{2}))?(?::\d{2}(?:\.\d+)?)?\s*(am|pm)?$/u);
  // A bare "5" could be a count or a date; a time needs a colon, am/pm or a period of day.
  if (m && (m[2] !== undefined || m[3] !== undefined || half !== undefined)) {
    return format(Number(m[1]), Number(m[2] ?? 0), asHalf(m[3]) ?? half);
  }
  const spoken = text.match(/^(half past|quarter past|quarter to)\s+([a-z\d]+)\s*(am|pm)?$/u);
  if (!spoken) return undefined;
  const hour = hourNumber(spoken[2] ?? "");
  if (hour === undefined) return undefined;
  const period = asHalf(spoken[3]) ?? half;
  if (spoken[1] === "quarter to")
    return format(hour === 1 && period === undefined ? 12 : hour - 1, 45, period);
  return format(hour, spoken[1] === "half past" ? 30 : 15, period);
}

const JAPANESE_TIME =
  /^(午前|午後|朝|昼|夕方|夜|晩)?の?([0-9〇一二三四五六七八九十]+)時(?:(半)|([0-9〇一二三四五六七八九十]+)分)?$/u;

function parseJapaneseTime(input: string): string | undefined {
  const m = input.replace(/\s+/gu, "").match(JAPANESE_TIME);
  if (!m) return undefined;
  const hour = hourNumber(m[2] ?? "");
  const minute = m[3] ? 30 : m[4] ? hourNumber(m[4]) : 0;
  if (hour === undefined || minute === undefined) return undefined;
  return format(hour, minute, m[1] === undefined ? undefined : JAPANESE_PERIODS.get(m[1]));
}

export function parseTime(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  // NFKC turns "１７：３０" into "17:30".
  const text = normaliseText(value).replace(FILLER, "").trim();
  const named = NAMED.get(text);
  if (named) return named;
  // An ISO date-time carries the time after the "T" (its offset is not applied).
  const iso = text.match(/^\d{4}-\d{2}-\d{2}[t ](\d{2}:\d{2})/u);
  if (iso) return parseEnglishTime(iso[1] ?? "");
  return parseEnglishTime(text) ?? parseJapaneseTime(text);
}

export function createTimeMatcher(): Matcher {
  return defineMatcher({ parse: parseTime });
}

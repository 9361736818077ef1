// English dates relative to the call: "tomorrow", "in 5 days", "3 days ago", "Friday of next week", "the 15th".
import { addDays, addMonths, makeDate, nextDayOfMonth, nextWeekday, weekdayOfWeek } from "./calendar.js";
import { parseEnglishNumber, parseOrdinal } from "./numerals.js";

const WEEKDAYS = "sunday monday tuesday wednesday thursday friday saturday";
const RELATIVE_DAYS = new Map<string, number>([
  ["today", 0],
  ["tonight", 0],
  ["this morning", 0],
  ["this afternoon", 0],
  ["this evening", 0],
  ["tomorrow", 1],
  ["tomorrows", 1],
  ["yesterday", -1],
  ["last night", -1],
  ["day after tomorrow", 2],
  ["the day after tomorrow", 2],
  ["day before yesterday", -2],
  ["the day before yesterday", -2],
]);
const ANCHORS = new Map<string, number>([
  ["from now", 0],
  ["hence", 0],
  ["later", 0],
  ["from today", 0],
  ["after today", 0],
  ["after tomorrow", 1],
  ["after yesterday", -1],
]);
const BEFORE = new Map<string, number>([
  ["ago", 0],
  ["before today", 0],
  ["before yesterday", -1],
  ["before tomorrow", 1],
]);
const UNIT = "(day|week|month|year|sunday|monday|tuesday|wednesday|thursday|friday|saturday)s?";
const COUNTED = new RegExp(`^(?:in\\s+)?(\\S+(?:[\\s-]\\S+)?)\\s+${UNIT}(?:\\s+(.+))?$`, "u");

function weekdayNumber(word: string): number | undefined {
  if (word.length < 3) return undefined;
  const index = WEEKDAYS.split(" ").findIndex((name) => name.startsWith(word));
  return index === -1 ? undefined : index;
}

function count(text: string): number | undefined {
  if (/^\d{1,3}$/u.test(text)) return Number(text);
  if (text === "a" || text === "an") return 1;
  return parseEnglishNumber(text);
}

/** `date` moved by `n` units; months and years keep the day of the month, or give up (Jan 31 + 1 month). */
export function shift(date: Date, n: number, unit: string): Date | undefined {
  if (unit === "day") return addDays(date, n);
  if (unit === "week") return addDays(date, 7 * n);
  if (unit === "month") return addMonths(date, n);
  if (unit === "year") return addMonths(date, 12 * n);
  return undefined;
}

/** Reads normalised English text relative to `ref`; `absolute` reads a full date ("2023-12-29 -10 days"). */
export function parseEnglishRelativeDate(
  input: string,
  ref: Date | undefined,
  absolute: (text: string, ref: Date | undefined) => Date | undefined,
): Date | undefined {
  // A part of the day after a day adds nothing to the date: "tomorrow morning", "Tuesday evening".
  const text = input.replace(
    /^(\S+(?:\s\S+)*?)\s+(?:morning|afternoon|evening|night)$/u,
    (all, day: string) => (RELATIVE_DAYS.has(all) ? all : day),
  );
  const offset = text.match(/^(\S+)\s*([+-])\s*(\d{1,3})\s*(day|week|month|year)s?$/u);
  if (offset) {
    const base = absolute(offset[1] ?? "", ref);
    return base && shift(base, (offset[2] === "-" ? -1 : 1) * Number(offset[3]), offset[4] ?? "");
  }
  if (!ref) return undefined;
  const fixed = RELATIVE_DAYS.get(text);
  if (fixed !== undefined) return addDays(ref, fixed);
  return counted(text, ref) ?? weekday(text, ref) ?? dayOfMonth(text, ref);
}

/** "in 5 days", "3 days ago", "2 weeks after yesterday", "3 fridays from now", "2 thursdays ago". */
function counted(text: string, ref: Date): Date | undefined {
  const m = text.match(COUNTED);
  if (!m) return undefined;
  const n = count(m[1] ?? "");
  const unit = m[2] ?? "";
  const tail = m[3];
  if (n === undefined || n < 1) return undefined;
  // "in 5 days" and "5 days from now" say the same; "in 5 days ago" says nothing.
  if (text.startsWith("in ") !== (tail === undefined)) return undefined;
  const after = tail === undefined ? 0 : ANCHORS.get(tail);
  const before = tail === undefined ? undefined : BEFORE.get(tail);
  const sign = before !== undefined ? -1 : 1;
  const anchor = addDays(ref, after ?? before ?? Number.NaN);
  if (Number.isNaN(anchor.getTime())) return undefined;
  const day = weekdayNumber(unit);
  if (day === undefined) return shift(anchor, sign * n, unit);
  // The n-th such weekday after (or before) the call: the next one, then n - 1 weeks on.
  const first =
    sign > 0 ? nextWeekday(anchor, day) : addDays(anchor, -((anchor.getUTCDay() - day + 7) % 7 || 7));
  return addDays(first, sign * 7 * (n - 1));
}

/** "next Tuesday", "Friday of next week", "on Tuesday, next week", "Wednesday of this week". */
function weekday(text: string, ref: Date): Date | undefined {
  // "next Tuesday" is read as the coming Tuesday, like "Tuesday" and "this Tuesday":
  // speakers split on whether it skips a week, and the coming one is the common reading.
  let m = text.match(/^(?:(?:next|this|coming|this coming)\s+)?([a-z]+)$/u);
  let day = m ? weekdayNumber(m[1] ?? "") : undefined;
  if (day !== undefined) return nextWeekday(ref, day);
  m = text.match(/^(?:([a-z]+),?\s+(?:of\s+)?(next|this) week|(next|this) week,?\s+([a-z]+))$/u);
  day = m ? weekdayNumber(m[1] ?? m[4] ?? "") : undefined;
  if (day === undefined) return undefined;
  return weekdayOfWeek(ref, day, (m?.[2] ?? m?.[3]) === "next" ? 1 : 0);
}

/** "on the 15th", "the first", "20th of next month", "20 of this month". */
function dayOfMonth(text: string, ref: Date): Date | undefined {
  let m = text.match(/^the\s+(\S+)$/u);
  const day = m ? ordinalDay(m[1] ?? "") : undefined;
  if (day !== undefined) return nextDayOfMonth(ref, day);
  m = text.match(
    /^(?:the\s+)?(\S+?)(?:\s+day)?\s+of\s+(?:the\s+)?(next|this|current|previous|last)\s+month$/u,
  );
  const n = m ? (ordinalDay(m[1] ?? "") ?? count(m[1] ?? "")) : undefined;
  if (!m || n === undefined) return undefined;
  const months = m[2] === "next" ? 1 : m[2] === "previous" || m[2] === "last" ? -1 : 0;
  const first = addMonths(makeDate(ref.getUTCFullYear(), ref.getUTCMonth() + 1, 1) ?? ref, months);
  return first && makeDate(first.getUTCFullYear(), first.getUTCMonth() + 1, n);
}

function ordinalDay(text: string): number | undefined {
  const n = parseOrdinal(text);
  return n !== undefined && n <= 31 ? n : undefined;
}

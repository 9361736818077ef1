// Dates: "March fifth", "the fourteenth of April", "next Friday", "tomorrow", resolved against the call date.
import { type Read, readDayOfMonth } from "./words.js";

// biome-ignore format: a table reads better than one word a line
const MONTHS = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const DAY_MS = 86_400_000;

/** The call date as a UTC midnight, or undefined when the prompt gives none (relative dates then stay null). */
export function parseCallDate(text: string | undefined): Date | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/u.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** The first `month`/`day` on or after the call date; a day the month lacks ("April thirty first") is none. */
function nextMonthDay(call: Date, month: number, day: number): string | null {
  for (const year of [call.getUTCFullYear(), call.getUTCFullYear() + 1]) {
    const date = new Date(Date.UTC(year, month, day));
    if (date.getUTCMonth() !== month) return null;
    if (date >= call) return iso(date);
  }
  return null;
}

/** The first such day of the month on or after the call date: "on the fifteenth". */
function nextDayOfMonth(call: Date, day: number): string | null {
  for (let months = 0; months < 3; months++) {
    const date = new Date(Date.UTC(call.getUTCFullYear(), call.getUTCMonth() + months, day));
    if (date.getUTCDate() === day && date >= call) return iso(date);
  }
  return null;
}

/**
 * "Friday" and "this Friday": the first Friday after the call date. "next Friday": the Friday of the
 * following calendar week, weeks starting on Monday (as the prompt says).
 */
function weekday(call: Date, target: number, next: boolean): string {
  const mondayBased = (day: number) => (day + 6) % 7;
  if (next) {
    const thisMonday = addDays(call, -mondayBased(call.getUTCDay()));
    return iso(addDays(thisMonday, 7 + mondayBased(target)));
  }
  const ahead = (target - call.getUTCDay() + 7) % 7 || 7;
  return iso(addDays(call, ahead));
}

/** A month name with its day at `at`: "march fifth", "april the second", "march 5". */
function monthFirst(tokens: string[], at: number): Read<[number, number]> | undefined {
  const month = MONTHS.indexOf(tokens[at] ?? "");
  if (month < 0) return undefined;
  const from = tokens[at + 1] === "the" ? at + 2 : at + 1;
  const day = readDayOfMonth(tokens, from, true);
  return day && { value: [month, day.value], end: day.end };
}

/** A day with its month at `at`: "the fourteenth of april". */
function dayFirst(tokens: string[], at: number): Read<[number, number]> | undefined {
  const day = readDayOfMonth(tokens, at, false);
  if (!day || tokens[day.end] !== "of") return undefined;
  const month = MONTHS.indexOf(tokens[day.end + 1] ?? "");
  return month < 0 ? undefined : { value: [month, day.value], end: day.end + 2 };
}

/** The date a phrase at `at` names, and where it ends; `undefined` when nothing there is a date. */
function dateAt(tokens: string[], at: number, call: Date): Read<string | null> | undefined {
  const token = tokens[at] ?? "";
  if (token === "today" || token === "tonight") return { value: iso(call), end: at + 1 };
  if (token === "tomorrow") return { value: iso(addDays(call, 1)), end: at + 1 };
  const monthDay = monthFirst(tokens, at) ?? dayFirst(tokens, at);
  if (monthDay) return { value: nextMonthDay(call, ...monthDay.value), end: monthDay.end };
  const next = token === "next";
  const day = WEEKDAYS.indexOf(next || token === "this" ? (tokens[at + 1] ?? "") : token);
  if (day >= 0) return { value: weekday(call, day, next), end: at + (next || token === "this" ? 2 : 1) };
  // A bare ordinal is a date only as "on the fifteenth" ("wait a second" is not).
  if (token === "on" && tokens[at + 1] === "the") {
    const ordinal = readDayOfMonth(tokens, at + 2, false);
    // "on the fourteenth of April" is read from "fourteenth" on, with its month.
    if (ordinal && tokens[ordinal.end] !== "of")
      return { value: nextDayOfMonth(call, ordinal.value), end: ordinal.end };
  }
  return undefined;
}

/** The last date said, as YYYY-MM-DD: for a change, the new one comes last ("from Thursday to Friday"). */
export function findDate(tokens: string[], call: Date | undefined): string | null {
  if (!call) return null;
  let found: string | null = null;
  for (let at = 0; at < tokens.length; ) {
    const read = dateAt(tokens, at, call);
    if (read) found = read.value;
    at = read ? read.end : at + 1;
  }
  return found;
}

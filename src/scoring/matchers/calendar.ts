// Calendar arithmetic for dates, on UTC midnights so the machine's time zone never shifts a day.

const DAY_MS = 86_400_000;

/**
 * How far before the call a date without a year may lie and still be read as
 * this year. Callers mostly talk about the near future ("March 30th" said on
 * Dec 20 means next March), but also about the recent past ("the bill from
 * March 1st", said on March 30). Sixty days, about two months, splits those.
 */
export const YEARLESS_LOOKBACK_DAYS = 60;

/** A valid calendar date, or undefined for month 13, Feb 30 and the like. */
export function makeDate(year: number, month: number, day: number): Date | undefined {
  if (![year, month, day].every(Number.isInteger)) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps two-digit years to 19xx; setUTCFullYear keeps the year as given.
  date.setUTCFullYear(year);
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date : undefined;
}

export function formatIsoDate(date: Date): string {
  const y = String(date.getUTCFullYear()).padStart(4, "0");
  const m = String(date.getUTCMonth() + 1).padStart(2, "0");
  const d = String(date.getUTCDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** The call's date from `MatchContext.referenceDate`; a malformed one counts as absent. */
export function parseReferenceDate(iso: string | undefined): Date | undefined {
  const match = iso?.match(/^(\d{4})-(\d{2})-(\d{2})$/u);
  if (!match) return undefined;
  return makeDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/**
 * A month and day without a year: the first such day on or after 60 days
 * before the call (see YEARLESS_LOOKBACK_DAYS), so "December 28" said on
 * January 5 is the one just gone.
 */
export function resolveYearless(month: number, day: number, reference: Date | undefined): Date | undefined {
  if (!reference) return undefined;
  const earliest = addDays(reference, -YEARLESS_LOOKBACK_DAYS).getTime();
  const year = reference.getUTCFullYear();
  // Feb 29 may exist only in one of the years, so each is tried.
  for (const y of [year - 1, year, year + 1]) {
    const date = makeDate(y, month, day);
    if (date && date.getTime() >= earliest) return date;
  }
  return undefined;
}

/** The same day `months` later (or earlier); undefined when that month has no such day (Jan 31 + 1). */
export function addMonths(date: Date, months: number): Date | undefined {
  const index = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  return makeDate(Math.floor(index / 12), (index % 12) + 1, date.getUTCDate());
}

/** "the 15th": that day of the call's month if it is still ahead (or today), else of the next month. */
export function nextDayOfMonth(reference: Date, day: number): Date | undefined {
  if (!Number.isInteger(day) || day < 1 || day > 31) return undefined;
  const month = reference.getUTCFullYear() * 12 + reference.getUTCMonth();
  // The 31st may skip a month: "the 31st" said on April 5 is May 31.
  for (let index = month; index < month + 3; index++) {
    const date = makeDate(Math.floor(index / 12), (index % 12) + 1, day);
    if (date && date.getTime() >= reference.getTime()) return date;
  }
  return undefined;
}

/**
 * The next such weekday strictly after the call (0 = Sunday): "Friday" said on
 * a Friday means a week later, since the same day would have been "today".
 */
export function nextWeekday(reference: Date, weekday: number): Date {
  const ahead = (weekday - reference.getUTCDay() + 7) % 7 || 7;
  return addDays(reference, ahead);
}

/** The weekday in the call's week (offset 0), next week (1)...; weeks start on Monday. */
export function weekdayOfWeek(reference: Date, weekday: number, weekOffset: number): Date {
  const monday = addDays(reference, -((reference.getUTCDay() + 6) % 7));
  return addDays(monday, weekOffset * 7 + ((weekday + 6) % 7));
}

// Clock arithmetic shared by the English and Japanese time readers: a 12-hour reading plus a part of the day.

/**
 * What settles the hour of a 12-hour reading: am/pm, or a part of the day
 * ("in the morning", 午後, 夜). Each part of the day takes only the hours it
 * plainly covers; anything else ("this evening at 2", "12 in the morning") is
 * left unread rather than guessed.
 */
export type DayPart = "am" | "pm" | "morning" | "afternoon" | "evening" | "night";

const HOURS: Record<DayPart, (hour: number) => number | undefined> = {
  am: (h) => h % 12,
  pm: (h) => (h % 12) + 12,
  // 12 in the morning could be noon or midnight.
  morning: (h) => (h >= 1 && h <= 11 ? h : undefined),
  afternoon: (h) => (h === 12 ? 12 : h >= 1 && h <= 7 ? h + 12 : undefined),
  evening: (h) => (h >= 4 && h <= 11 ? h + 12 : undefined),
  // "12 at night" is midnight and "1 at night" is 01:00; "10 at night" is 22:00.
  night: (h) => (h === 12 ? 0 : h >= 1 && h <= 4 ? h : h >= 6 && h <= 11 ? h + 12 : undefined),
};

/** "HH:MM", or undefined for an impossible or self-contradicting time. */
export function formatClock(
  hour: number,
  minute: number,
  ...parts: (DayPart | undefined)[]
): string | undefined {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute < 0 || minute > 59) return undefined;
  if (hour < 0 || hour > 23) return undefined;
  let h = hour;
  let settled = false;
  for (const part of parts) {
    if (part === undefined) continue;
    // "17:30 pm" is redundant but clear; "17:30 am" contradicts itself, as does "this morning at 3pm".
    const reading = hour >= 1 && hour <= 12 ? HOURS[part](hour) : consistent24(hour, part);
    if (reading === undefined || (settled && h !== reading)) return undefined;
    h = reading;
    settled = true;
  }
  return `${String(h).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** A 24-hour hour (0 or 13–23) with a part of the day: kept when they agree. */
function consistent24(hour: number, part: DayPart): number | undefined {
  // 午後0時 is noon, as Japanese timetables write it.
  if (hour === 0) return part === "pm" ? 12 : part === "am" || part === "night" ? 0 : undefined;
  if (part === "am" || part === "morning") return undefined;
  return hour;
}

// A reviewer's pace and today's count, from the times (epoch ms) of their current grades.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Local midnight (of the machine's time zone) of the day `now` falls in, as epoch ms. */
export function localMidnight(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** Where pace looks back from: whichever is earlier of local midnight and an hour ago. */
export function activitySince(now: number): number {
  return Math.min(localMidnight(now), now - HOUR);
}

export function gradedSince(times: number[], since: number): number {
  return times.filter((time) => time >= since).length;
}

/**
 * Grades per hour over the last 60 minutes: the grades made in (now − 60 min, now], per hour. When the
 * reviewer's current stretch of work began less than an hour ago, the count is scaled by the time since its
 * first grade instead (at least 1 minute): 10 grades in the 20 minutes since starting is 30/h. A stretch
 * begins after a pause of an hour or more between grades, so yesterday's work or a long lunch does not
 * dilute it. null with fewer than 2 grades in the last hour: no pace to speak of yet (or any more).
 */
export function perHour(times: number[], now: number): number | null {
  const sorted = times.filter((time) => time <= now).sort((a, b) => a - b);
  const recent = sorted.filter((time) => time > now - HOUR);
  if (recent.length < 2) return null;
  let start = sorted.length - 1;
  while (start > 0 && (sorted[start] ?? 0) - (sorted[start - 1] ?? 0) < HOUR) start--;
  const first = sorted[start] ?? now;
  const elapsed = first > now - HOUR ? Math.max(MINUTE, now - first) : HOUR;
  return (recent.length * HOUR) / elapsed;
}

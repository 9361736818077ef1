// Times of day: "at seven thirty", "half past six", "seven p m", "quarter to eight", "noon".
import { inSpans, type Span } from "./phone.js";
import { type Read, readCardinal, startsWith } from "./words.js";

type Half = "am" | "pm";

// Longest first, so "p m" is not read as the article "a" followed by something.
const PERIODS: [string, Half][] = [
  ["in the morning", "am"],
  ["this morning", "am"],
  ["in the afternoon", "pm"],
  ["this afternoon", "pm"],
  ["in the evening", "pm"],
  ["this evening", "pm"],
  ["at night", "pm"],
  ["tonight", "pm"],
  ["a m", "am"],
  ["am", "am"],
  ["p m", "pm"],
  ["pm", "pm"],
];

interface Clock {
  hour: number;
  minute: number;
  /** Said outright (p m, o'clock, half past...); a bare number needs "at" before it. */
  marked: boolean;
}

function hourAt(tokens: string[], at: number): Read<number> | undefined {
  const read = readCardinal(tokens, at);
  return read && read.value >= 1 && read.value <= 12 ? read : undefined;
}

/** Minutes after an hour: "thirty", "forty five", "oh five", "15"; a lone "five" is not minutes. */
function minutesAt(tokens: string[], at: number): Read<number> | undefined {
  const token = tokens[at];
  if (token === "oh" || token === "o") {
    const unit = readCardinal(tokens, at + 1);
    return unit && unit.value >= 1 && unit.value <= 9 ? { value: unit.value, end: unit.end } : undefined;
  }
  if (token !== undefined && /^\d{2}$/u.test(token)) {
    return Number(token) <= 59 ? { value: Number(token), end: at + 1 } : undefined;
  }
  const read = readCardinal(tokens, at);
  return read && read.value >= 10 && read.value <= 59 ? read : undefined;
}

/** Where a spoken clock time starts at `at`, with the index after it. */
function clockAt(tokens: string[], at: number): Read<Clock> | undefined {
  const quarter = tokens[at] === "quarter" || tokens[at] === "half" ? tokens[at] : undefined;
  const relation = tokens[at + 1];
  if (quarter && (relation === "past" || relation === "to" || relation === "after")) {
    const hour = hourAt(tokens, at + 2);
    if (!hour) return undefined;
    if (relation === "to") {
      if (quarter === "half") return undefined;
      return {
        value: { hour: hour.value === 1 ? 12 : hour.value - 1, minute: 45, marked: true },
        end: hour.end,
      };
    }
    return { value: { hour: hour.value, minute: quarter === "half" ? 30 : 15, marked: true }, end: hour.end };
  }
  const hour = hourAt(tokens, at);
  if (!hour) return undefined;
  const minutes = minutesAt(tokens, hour.end);
  const end = minutes?.end ?? hour.end;
  const oclock = tokens[end] === "o'clock";
  return {
    value: { hour: hour.value, minute: minutes?.value ?? 0, marked: oclock },
    end: end + (oclock ? 1 : 0),
  };
}

function periodAt(tokens: string[], at: number): Half | undefined {
  return PERIODS.find(([phrase]) => startsWith(tokens, at, phrase))?.[1];
}

/**
 * 24-hour "HH:MM". Without a.m./p.m. the restaurant's hours decide (open 11:00 to 22:00, as the prompt
 * says): "eleven" is 11:00, "twelve thirty" 12:30, "one" to "ten" are afternoon or evening.
 */
function toDay(clock: Clock, half: Half | undefined): string {
  let hour = clock.hour % 12;
  if (half === "pm" || (half === undefined && clock.hour <= 10)) hour += 12;
  return `${String(hour).padStart(2, "0")}:${String(clock.minute).padStart(2, "0")}`;
}

/** The last time of day said; null when none is clear. */
export function findTime(tokens: string[], phoneSpans: Span[]): string | null {
  let found: string | null = null;
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at];
    if (token === "noon" || token === "midday") {
      found = "12:00";
      continue;
    }
    // Not the "five" of "forty five", nor a word of a phone number.
    if (inSpans(phoneSpans, at) || (readCardinal(tokens, at - 1)?.end ?? 0) > at) continue;
    const clock = clockAt(tokens, at);
    if (!clock || inSpans(phoneSpans, clock.end - 1)) continue;
    const half = periodAt(tokens, clock.end);
    // "for four" or "six people" is no time: a bare number needs "at" before it or a.m./p.m. after it.
    if (!clock.value.marked && half === undefined && tokens[at - 1] !== "at") continue;
    found = toDay(clock.value, half);
    at = clock.end - 1;
  }
  return found;
}

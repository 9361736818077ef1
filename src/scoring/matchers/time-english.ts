// English times: "5:30 pm", "15h20", "seven thirty p.m.", "this afternoon at 3", "a quarter past noon".
import { type DayPart, formatClock } from "./clock.js";
import { parseEnglishNumber } from "./numerals.js";

const LEADING_FILLER = /^(?:at|around|about|by|for|approximately|approx|roughly|say)\s+/u;
const TRAILING_FILLER = /\s*(?:o'clock|o’clock|oclock|ish|approximately|approx|or so|sharp|exactly)$/u;
const PARTS = new Map<string, DayPart>([
  ["morning", "morning"],
  ["afternoon", "afternoon"],
  ["evening", "evening"],
  ["night", "night"],
  ["tonight", "night"],
  ["am", "am"],
  ["pm", "pm"],
]);
// "this afternoon at 3", "early morning at 3", "in the evening at eight", "tonight at 11".
const LEADING_PART =
  /^(?:(?:this|early|late|in the|early in the|late in the)\s+)?(morning|afternoon|evening|night|tonight)\s+(?:at\s+)?/u;
// "3 in the afternoon", "3:20 in afternoon", "eight tonight", "1 at night", "3 in the am".
const TRAILING_PART =
  /\s+(?:(?:in the|this|in|at|early in the|late in the)\s+)?(morning|afternoon|evening|night|tonight|am|pm)$/u;
const NAMED = new Map<string, number>([
  ["noon", 720],
  ["midday", 720],
  ["the midday", 720],
  ["12 noon", 720],
  ["midnight", 0],
  ["12 midnight", 0],
]);

/** Reads normalised (lower-case, NFKC) English time text. */
export function parseEnglishTime(input: string): string | undefined {
  let text = input
    .replace(/\b([ap])\.?\s?m\b\.?/gu, "$1m")
    .replace(/@/gu, " at ")
    .replace(/\s+/gu, " ")
    .trim();
  for (let before = ""; before !== text; ) {
    before = text;
    text = text.replace(LEADING_FILLER, "").replace(TRAILING_FILLER, "").trim();
  }
  const parts: DayPart[] = [];
  const lead = text.match(LEADING_PART);
  if (lead && lead[0].length < text.length) {
    parts.push(PARTS.get(lead[1] ?? "") ?? "am");
    text = text.slice(lead[0].length).replace(LEADING_FILLER, "");
  }
  const trail = text.match(TRAILING_PART);
  if (trail && trail.index !== undefined && trail.index > 0) {
    parts.push(PARTS.get(trail[1] ?? "") ?? "am");
    text = text.slice(0, trail.index).replace(TRAILING_FILLER, "");
  }
  const minutes = relativeClock(text, parts) ?? clock(text, parts);
  if (minutes === undefined) return undefined;
  return formatClock(Math.floor(minutes / 60), minutes % 60);
}

const OFFSET = /^(.+?)\s+(?:minutes?\s+)?(past|after|from|to|till|before)\s+(.+)$/u;

/** "a quarter past 3pm", "twenty after 3pm", "15 to noon": minutes from midnight. */
function relativeClock(text: string, parts: DayPart[]): number | undefined {
  const m = text.match(OFFSET);
  if (!m) return undefined;
  const amount = m[1] === "a quarter" || m[1] === "quarter" ? 15 : m[1] === "half" ? 30 : count(m[1] ?? "");
  const base = clock(m[3] ?? "", parts);
  if (amount === undefined || amount < 1 || amount > 59 || base === undefined || base % 60 !== 0)
    return undefined;
  const sign = m[2] === "to" || m[2] === "till" || m[2] === "before" ? -1 : 1;
  return (base + sign * amount + 1440) % 1440;
}

function count(text: string): number | undefined {
  return /^\d{1,2}$/u.test(text) ? Number(text) : parseEnglishNumber(text);
}

/** A clock reading settled by am/pm, a part of the day or a 24-hour form: minutes from midnight. */
function clock(input: string, parts: DayPart[]): number | undefined {
  const named = NAMED.get(input);
  if (named !== undefined) return parts.length === 0 ? named : undefined;
  const suffix = input.match(/^(.*?)\s*(am|pm)$/u);
  const text = suffix ? (suffix[1] ?? "") : input;
  const all = suffix ? [...parts, PARTS.get(suffix[2] ?? "") ?? "am"] : parts;
  const settled = all.length > 0;
  let m = text.match(/^(\d{1,2})(?::(\d{2}))?(?::\d{2}(?:\.\d+)?)?$/u);
  // A bare "5" could be a count or a date; a time needs a colon, am/pm or a part of the day.
  if (m && (m[2] !== undefined || settled)) return minutesOf(Number(m[1]), Number(m[2] ?? 0), all);
  // "15h", "15h20": a 24-hour clock.
  m = text.match(/^(\d{1,2})h(\d{2})?$/u);
  if (m) return minutesOf(Number(m[1]), Number(m[2] ?? 0), all);
  // "330 pm", "730 in the evening".
  m = text.match(/^(\d{1,2})(\d{2})$/u);
  if (m && settled) return minutesOf(Number(m[1]), Number(m[2]), all);
  return settled ? spokenClock(text, all) : undefined;
}

/** "seven thirty", "nine fifty nine", "ten oh five", "eight", read with a settled part of the day. */
function spokenClock(text: string, parts: DayPart[]): number | undefined {
  const words = text.split(/[\s-]+/u);
  const hour = parseEnglishNumber(words[0] ?? "");
  if (hour === undefined || hour < 1 || hour > 12) return undefined;
  const rest = words.slice(1);
  if (rest[0] === "oh" || rest[0] === "o") {
    const minute = rest.length === 2 ? parseEnglishNumber(rest[1] ?? "") : undefined;
    return minute !== undefined && minute < 10 ? minutesOf(hour, minute, parts) : undefined;
  }
  const minute = rest.length === 0 ? 0 : parseEnglishNumber(rest.join(" "));
  // "seven five" is not a clock reading; minutes come as "oh five" or from ten up.
  if (minute === undefined || (rest.length > 0 && minute < 10)) return undefined;
  return minutesOf(hour, minute, parts);
}

function minutesOf(hour: number, minute: number, parts: DayPart[]): number | undefined {
  const hhmm = formatClock(hour, minute, ...parts);
  return hhmm === undefined ? undefined : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
}

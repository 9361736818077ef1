// Phone numbers: runs of spoken digits ("five five five, oh one nine two"), digit groups, or a mix.
import { digitWord, readCardinal } from "./words.js";

export interface Span {
  start: number;
  end: number;
}

export interface PhoneFind {
  /** The last number of a usable length, formatted; null when there is none. */
  phone: string | null;
  /** Every run long enough to be a number, so the time and size rules leave its words alone. */
  spans: Span[];
}

const REPEAT = new Map([
  ["double", 2],
  ["triple", 3],
]);

/** The digits one step of a run adds, and where the next step starts; undefined ends the run. */
function step(tokens: string[], at: number, inRun: boolean): { digits: string; end: number } | undefined {
  const token = tokens[at] ?? "";
  if (/^\d{2,}$/u.test(token)) return { digits: token, end: at + 1 };
  const digit = digitWord(token);
  // "Oh, hi" is not a zero: "oh" and "o" count only after a digit.
  if (digit !== undefined && (inRun || (token !== "oh" && token !== "o"))) {
    return { digits: String(digit), end: at + 1 };
  }
  const times = REPEAT.get(token);
  const repeated = digitWord(tokens[at + 1]);
  if (times !== undefined && repeated !== undefined) {
    return { digits: String(repeated).repeat(times), end: at + 2 };
  }
  // Pairs said as numbers: "five five five, twenty one, forty five".
  const pair = readCardinal(tokens, at);
  if (pair && pair.value >= 10) return { digits: String(pair.value), end: pair.end };
  return undefined;
}

function format(digits: string): string | null {
  if (digits.length === 7) return `${digits.slice(0, 3)}-${digits.slice(3)}`;
  if (digits.length === 10) return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
  if (digits.length === 11 && digits.startsWith("1")) return `+1 ${format(digits.slice(1))}`;
  // Eight or nine digits is a number with a digit lost or added: better none than a wrong one.
  return null;
}

export function findPhone(tokens: string[]): PhoneFind {
  const spans: Span[] = [];
  let phone: string | null = null;
  for (let at = 0; at < tokens.length; ) {
    let digits = "";
    let end = at;
    for (let next = step(tokens, end, false); next; next = step(tokens, end, true)) {
      digits += next.digits;
      end = next.end;
    }
    if (digits.length >= 7) {
      spans.push({ start: at, end });
      // A later number is a correction or the one read back; either way the last one stands.
      phone = format(digits);
    }
    at = Math.max(end, at + 1);
  }
  return { phone, spans };
}

export function inSpans(spans: Span[], index: number): boolean {
  return spans.some((span) => index >= span.start && index < span.end);
}

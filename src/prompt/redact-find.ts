// Finds phone numbers, e-mail addresses and payment card numbers in text, as spans of the text as written.
import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  searchPhoneNumbersInText,
} from "libphonenumber-js";
import type { RedactKind } from "../config/schema.js";

/** One value found: where it is in the text, and what makes two spellings of it the same value. */
export interface Found {
  kind: RedactKind;
  start: number;
  end: number;
  /** The value in canonical form (E.164, lower-cased address, bare digits): equal keys share a placeholder. */
  key: string;
}

// Full-width ASCII (ＡＢＣ１２３＠), the ideographic space and the dashes Japanese text uses between digit
// groups. Each maps to one UTF-16 unit, so offsets in the folded copy are offsets in the original.
const FOLDABLE = /[\uFF01-\uFF5E\u3000ー‐‑‒–—―−]/gu;

export function fold(text: string): string {
  return text.replace(FOLDABLE, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
    return code === 0x3000 ? " " : "-";
  });
}

/** Every value of the wanted kinds, in text order, none overlapping (cards win over e-mails over phones). */
export function findSensitive(text: string, kinds: ReadonlySet<RedactKind>, region: string): Found[] {
  const folded = fold(text);
  const candidates = [
    ...(kinds.has("card") ? findCards(folded) : []),
    ...(kinds.has("email") ? findEmails(folded) : []),
    ...(kinds.has("phone") ? findPhones(folded, region) : []),
  ];
  const kept: Found[] = [];
  for (const found of candidates) {
    if (!kept.some((k) => found.start < k.end && k.start < found.end)) kept.push(found);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// Digit groups separated by single spaces or dashes: "4111 1111 1111 1111", "4111-1111-1111-1111".
const DIGIT_RUN = /(?<!\d)\d+(?:[ -]\d+)*(?!\d)/g;

function findCards(text: string): Found[] {
  const found: Found[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const groups = [...run[0].matchAll(/\d+/g)].map((g) => ({
      start: run.index + g.index,
      end: run.index + g.index + g[0].length,
      digits: g[0],
    }));
    // The longest Luhn-valid stretch of whole groups, from the leftmost group it can start at: a card
    // read out beside an expiry date or an order number is still found.
    let from = 0;
    while (from < groups.length) {
      const hit = longestCardFrom(groups, from);
      if (!hit) {
        from++;
        continue;
      }
      found.push({ kind: "card", start: hit.start, end: hit.end, key: hit.digits });
      from = hit.next;
    }
  }
  return found;
}

function longestCardFrom(groups: { start: number; end: number; digits: string }[], from: number) {
  for (let to = groups.length; to > from; to--) {
    const digits = groups
      .slice(from, to)
      .map((g) => g.digits)
      .join("");
    const first = groups[from];
    const last = groups[to - 1];
    if (first && last && digits.length >= 13 && digits.length <= 19 && luhn(digits)) {
      return { start: first.start, end: last.end, digits, next: to };
    }
  }
  return undefined;
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// A local part and a dotted domain of ASCII letters, digits and the usual punctuation. Quotes, backslashes
// and spaces are never part of a match, so a value put back into a JSON string needs no escaping.
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9](?:[\w.%+-]*[\w%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\w-])/g;

function findEmails(text: string): Found[] {
  return [...text.matchAll(EMAIL)].map((m) => ({
    kind: "email" as const,
    start: m.index,
    end: m.index + m[0].length,
    key: m[0].toLowerCase(),
  }));
}

// libphonenumber's "possible" leniency takes "2026-03-23" for a Japanese number; a date is not a phone.
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;
// A local number without an area code ("555-0102"), which no region's metadata calls possible.
const LOCAL = /(?<![\d-])\d{3}[-.]\d{4}(?![\d-])/g;

function findPhones(text: string, region: string): Found[] {
  const country = region.toUpperCase();
  // `extended` is the "possible" leniency, not "valid": fictional numbers (555-01xx) are unassigned, and
  // still the caller's.
  const options = { ...(isSupportedCountry(country) ? { defaultCountry: country } : {}), extended: true };
  const found: Found[] = [];
  // One number at a time, each search starting where the last number really ended: in a list like
  // "212-555-0198, 212.555.0198" the library reports a span running into the next number.
  for (let from = 0; from < text.length; ) {
    // Lazily: only the first number of the rest is wanted.
    const first = firstOf(searchPhoneNumbersInText(text.slice(from), options));
    if (!first) break;
    const start = from + first.startsAt;
    const end = start + spanOf(text.slice(start, from + first.endsAt), first.number.number, options);
    if (!DATE_LIKE.test(text.slice(start, end))) {
      found.push({ kind: "phone", start, end, key: first.number.number });
    }
    from = Math.max(end, start + 1);
  }
  for (const m of text.matchAll(LOCAL)) {
    found.push({ kind: "phone", start: m.index, end: m.index + m[0].length, key: m[0].replace(/\D/g, "") });
  }
  return found;
}

function firstOf<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}

/**
 * Length of the number at the start of `candidate`: up to the first character a written number cannot hold
 * (the comma before the next number), then back to the last digit that still reads as the same number.
 */
function spanOf(candidate: string, e164: string, options: { defaultCountry?: CountryCode }): number {
  const cut = /[^\d\s().+/-]/.exec(candidate)?.index ?? candidate.length;
  for (let length = cut; length > 0; length--) {
    if (!/\d/.test(candidate.charAt(length - 1))) continue;
    const parsed = parsePhoneNumberFromString(candidate.slice(0, length), { ...options, extract: false });
    if (parsed?.number === e164) return length;
  }
  return candidate.length;
}

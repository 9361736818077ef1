// Phone numbers, compared as E.164 ("+15550102345") whatever way they were written.
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";
import { defineMatcher, type Matcher } from "./matcher.js";

// Dashes a Japanese writer (or IME) uses between digit groups that NFKC leaves alone.
const DASHES = /[ー－‐‑‒–—―−]/gu;

// libphonenumber's parse is the costliest step of scoring (~60 µs), and the same numbers come back many times:
// every model's answer, the gold, and again for the report. It is a pure function of (value, region).
const parsed = new Map<string, string | undefined>();
const REMEMBERED = 50_000;

export function parsePhone(value: unknown, region: string): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const key = `${region}\0${typeof value}\0${value}`;
  if (parsed.has(key)) return parsed.get(key);
  if (parsed.size >= REMEMBERED) parsed.clear();
  const result = parseUncached(value, region);
  parsed.set(key, result);
  return result;
}

function parseUncached(value: string | number, region: string): string | undefined {
  // NFKC turns "０３－１２３４－５６７８" into ASCII digits and hyphens.
  const text = String(value).normalize("NFKC").replace(DASHES, "-").trim();
  const country = region.toUpperCase();
  const number = parsePhoneNumberFromString(
    text,
    isSupportedCountry(country) ? (country as CountryCode) : undefined,
  );
  // Not `isValid()`: test data and redacted transcripts use fictional numbers
  // (555-01xx) that libphonenumber rejects as unassigned, yet they are still
  // the caller's number. A possible length is enough to trust the parse.
  if (number?.isPossible()) return number.number;
  // Too short or too long to be a full number ("555-0102"): compare the digits
  // as written, so the same partial number still matches itself.
  const digits = text.replace(/\D/gu, "");
  return digits === "" ? undefined : digits;
}

export function createPhoneMatcher(region?: string): Matcher {
  return defineMatcher({ parse: (value, ctx) => parsePhone(value, region ?? ctx.phoneRegion) });
}

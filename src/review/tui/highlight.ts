// Where in the transcript the words that support a model's value are: [start, end) ranges to highlight.
import type { MatchSpec } from "../../core/types.js";
import { parseDate } from "../../scoring/matchers/date.js";
import { isNone } from "../../scoring/matchers/matcher.js";
import { parseNumber } from "../../scoring/matchers/number.js";
import { parseTime } from "../../scoring/matchers/time.js";
import {
  digitRuns,
  fold,
  mapBack,
  merge,
  numberTokens,
  type Span,
  textCandidates,
  wordHits,
} from "./spans.js";

export type { Span } from "./spans.js";

const MONTHS = "january february march april may june july august september october november december".split(
  " ",
);

/**
 * The ranges of `text` that support `value`. Phones match by their digits
 * whatever the separators; numbers as digits, English words or kanji; dates and
 * times by their number tokens (and month names); everything else by
 * normalised words, or for Japanese by runs of kanji and katakana.
 */
export function supportSpans(text: string, value: unknown, spec: MatchSpec): Span[] {
  if (isNone(value)) return [];
  switch (spec.kind) {
    case "set":
      return merge(
        (Array.isArray(value) ? value : [value]).flatMap((item) => supportSpans(text, item, spec.of)),
      );
    case "phone":
      return phoneSpans(text, value);
    case "number": {
      const n = parseNumber(value);
      return n === undefined ? wordSpans(text, value) : numberSpans(text, (m) => m === n);
    }
    case "date":
      return dateSpans(text, value);
    case "time":
      return timeSpans(text, value);
    case "boolean":
      // "yes" and "no" are in every call; highlighting them would point at nothing.
      return [];
    default:
      return wordSpans(text, value);
  }
}

function wordSpans(text: string, value: unknown): Span[] {
  const folded = fold(text);
  return mapBack(folded, wordHits(folded.text, textCandidates(value)));
}

function numberSpans(
  text: string,
  wanted: (n: number, after: string) => boolean,
  words: string[] = [],
): Span[] {
  const folded = fold(text);
  const hits = numberTokens(folded.text).filter((t) => wanted(t.value, folded.text.slice(t.end, t.end + 1)));
  return mapBack(folded, [...hits.map((t): Span => [t.start, t.end]), ...wordHits(folded.text, words)]);
}

function phoneSpans(text: string, value: unknown): Span[] {
  const written = String(value).normalize("NFKC").trim();
  const digits = written.replace(/\D/gu, "");
  const candidates = [digits];
  // An E.164 value ("+15550102345") is said nationally ("555-010-2345", "03-1234-5678").
  for (let cc = 1; cc <= 3 && written.startsWith("+"); cc++) {
    candidates.push(`0${digits.slice(cc)}`, digits.slice(cc));
  }
  if (digits.startsWith("0")) candidates.push(digits.slice(1));
  const folded = fold(text);
  const runs = digitRuns(folded.text);
  for (const candidate of candidates.filter((c) => c.length >= 4)) {
    const hits: Span[] = [];
    for (const run of runs) {
      for (let at = run.digits.indexOf(candidate); at >= 0; at = run.digits.indexOf(candidate, at + 1)) {
        const first = run.positions[at] ?? 0;
        const last = run.positions[at + candidate.length - 1] ?? first;
        hits.push([first, last + 1]);
      }
    }
    if (hits.length > 0) return mapBack(folded, hits);
  }
  return [];
}

function dateSpans(text: string, value: unknown): Span[] {
  const iso = parseDate(value, undefined);
  if (!iso) return wordSpans(text, value);
  const [year, month, day] = iso.split("-").map(Number);
  const name = MONTHS[(month ?? 1) - 1] ?? "";
  // A bare month number is too common to mark; next to "/", "-", "." or 月 it is the date's.
  return numberSpans(
    text,
    (n, after) => n === day || n === year || (n === month && /[/\-.月]/u.test(after)),
    [name, name.slice(0, 3)],
  );
}

function timeSpans(text: string, value: unknown): Span[] {
  const hhmm = parseTime(value);
  if (!hhmm) return wordSpans(text, value);
  const [hour = 0, minute = 0] = hhmm.split(":").map(Number);
  const hours = new Set([hour, hour % 12 === 0 ? 12 : hour % 12]);
  const words = [
    ...(hhmm === "12:00" ? ["noon", "正午"] : []),
    ...(hhmm === "00:00" ? ["midnight"] : []),
    ...(minute === 30 ? ["half", "半"] : []),
    ...(minute === 15 || minute === 45 ? ["quarter"] : []),
  ];
  return numberSpans(text, (n) => hours.has(n) || (minute > 0 && n === minute), words);
}

/** A piece of drawn text and the models (by column index) whose value it supports. */
export interface Segment {
  text: string;
  models: number[];
}

/** Cuts `text` where any model's spans start or end; `layers[i]` are the spans of model i. */
export function paint(text: string, layers: Span[][]): Segment[] {
  const cuts = new Set([0, text.length]);
  for (const spans of layers)
    for (const [s, e] of spans) cuts.add(Math.min(s, text.length)).add(Math.min(e, text.length));
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i] ?? 0;
    const e = points[i + 1] ?? s;
    const models = layers.flatMap((spans, m) => (spans.some(([a, b]) => a <= s && e <= b) ? [m] : []));
    const last = segments.at(-1);
    if (last && last.models.join() === models.join()) last.text += text.slice(s, e);
    else segments.push({ text: text.slice(s, e), models });
  }
  return segments;
}

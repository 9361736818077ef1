// Text search under normalisation: matches are found in folded text and mapped back to the text as drawn.
import { normaliseText } from "../../scoring/matchers/normalise.js";
import { parseNumber } from "../../scoring/matchers/number.js";
import { parseEnglishNumber, parseKanjiNumber } from "../../scoring/matchers/numerals.js";

/** A [start, end) range of UTF-16 code units. */
export type Span = [start: number, end: number];

/** NFKC-lower-cased text, and for each of its code units the range of the original character. */
export interface Folded {
  text: string;
  from: number[];
  to: number[];
}

export function fold(text: string): Folded {
  let out = "";
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const ch of text) {
    const f = ch.normalize("NFKC").toLowerCase();
    for (let k = 0; k < f.length; k++) {
      from.push(at);
      to.push(at + ch.length);
    }
    out += f;
    at += ch.length;
  }
  return { text: out, from, to };
}

export function mapBack(folded: Folded, spans: Span[]): Span[] {
  return merge(spans.map(([s, e]): Span => [folded.from[s] ?? 0, folded.to[e - 1] ?? 0]));
}

/** Sorted, with overlapping ranges joined. */
export function merge(spans: Span[]): Span[] {
  const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export interface NumberToken {
  start: number;
  end: number;
  value: number;
}

const ENGLISH_WORD = /[a-z]+(?:-[a-z]+)*/gu;

/** Numbers in folded text: digits ("1,200", "3.5"), kanji ("二十五") and English words ("twenty five"). */
export function numberTokens(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  const add = (m: RegExpExecArray, value: number | undefined) => {
    if (value !== undefined) tokens.push({ start: m.index, end: m.index + m[0].length, value });
  };
  for (const m of text.matchAll(/\d+(?:[.,]\d+)*/gu)) add(m, parseNumber(m[0]));
  for (const m of text.matchAll(/[〇零一二三四五六七八九十百千万]+/gu)) add(m, parseKanjiNumber(m[0]));
  const words = [...text.matchAll(ENGLISH_WORD)];
  for (let i = 0; i < words.length; i++) {
    // The longest run of up to three words, apart only by spaces, that reads as one number.
    for (let n = Math.min(3, words.length - i); n >= 1; n--) {
      const first = words[i];
      const last = words[i + n - 1];
      if (!first || !last) continue;
      const phrase = text.slice(first.index, last.index + last[0].length);
      const value = /^[a-z\- ]+$/u.test(phrase) ? parseEnglishNumber(phrase) : undefined;
      if (value === undefined) continue;
      tokens.push({ start: first.index, end: last.index + last[0].length, value });
      i += n - 1;
      break;
    }
  }
  return tokens;
}

// Separators people and recognisers put between digit groups of a phone number.
const PHONE_SEPARATOR = /[\s\-.()/+ー‐‑‒–—―−]/u;

/** Runs of digits in folded text with short separators between them, and where each digit is. */
export function digitRuns(text: string): { digits: string; positions: number[] }[] {
  const runs: { digits: string; positions: number[] }[] = [];
  let current = { digits: "", positions: [] as number[] };
  let gap = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (/\d/u.test(ch)) {
      current.digits += ch;
      current.positions.push(i);
      gap = 0;
    } else if (PHONE_SEPARATOR.test(ch) && gap < 3 && current.digits !== "") {
      gap++;
    } else if (current.digits !== "") {
      runs.push(current);
      current = { digits: "", positions: [] };
      gap = 0;
    }
  }
  if (current.digits !== "") runs.push(current);
  return runs;
}

const STOPWORDS = new Set(
  "the and for you your with that this are was were not but have has can will from our his her they them what when who how all any its yes".split(
    " ",
  ),
);
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** What to look for: the whole value, its words, and for Japanese its runs of kanji or katakana. */
export function textCandidates(value: unknown): string[] {
  const out = new Set<string>();
  for (const leaf of leaves(value)) {
    const whole = normaliseText(leaf);
    if ([...whole].length >= 2) out.add(whole);
    for (const token of whole.split(/[^\p{L}\p{N}]+/u)) {
      if (CJK.test(token)) {
        for (const run of token.match(
          /[\p{Script=Han}\p{Script=Katakana}ー]{2,}|\p{Script=Hiragana}{3,}/gu,
        ) ?? []) {
          out.add(run);
        }
      } else if ((token.length >= 3 || /^\d{2,}$/u.test(token)) && !STOPWORDS.has(token)) {
        out.add(token);
      }
    }
  }
  return [...out];
}

function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(leaves);
  return [];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch) && !CJK.test(ch);

/** Every occurrence of each candidate; a Latin word must not sit inside a longer word. */
export function wordHits(text: string, candidates: string[]): Span[] {
  const hits: Span[] = [];
  for (const c of candidates) {
    if (c === "") continue;
    for (let at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) {
      const end = at + c.length;
      const clean =
        !(isWordChar(c[0]) && isWordChar(text[at - 1])) && !(isWordChar(c.at(-1)) && isWordChar(text[end]));
      if (clean) hits.push([at, end]);
    }
  }
  return hits;
}

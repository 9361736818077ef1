// The few knowledge-base lines that bear on a field: the ones sharing the most words with it and its answers.
import { inert } from "../../core/inert.js";
import { normaliseText } from "../../scoring/matchers/normalise.js";
import type { ReviewField } from "../types.js";

export interface ExcerptLine {
  /** 1-based line number in the knowledge base. */
  line: number;
  text: string;
}

const STOPWORDS = new Set(
  "the and for you your with that this are was were not but have has can will from our their they them what when who how all any its yes please call caller".split(
    " ",
  ),
);
// Kanji and katakana runs, compared by bigrams: Japanese has no spaces to split on.
const CJK_RUN = /[\p{Script=Han}\p{Script=Katakana}ー]+/gu;

/** The words of `text` worth matching: Latin words, numbers, and bigrams of kanji/katakana runs. */
export function terms(text: string): Set<string> {
  const folded = normaliseText(text.replace(/([a-z])([A-Z])/g, "$1 $2"));
  const out = new Set<string>();
  for (const word of folded.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (
      /^\d{2,}$/u.test(word) ||
      (/^\p{Script=Latin}/u.test(word) && word.length >= 3 && !STOPWORDS.has(word))
    ) {
      out.add(word);
    }
  }
  for (const run of folded.match(CJK_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.add(run);
    for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

function leaves(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === "object") return Object.values(value).flatMap(leaves);
  return [String(value)];
}

/**
 * Up to `maxLines` lines of `kb`, in their own order, scored by the words they
 * share with the field's name (strongest), its answers and gold, and the
 * transcript (a tie-breaker). Lines sharing nothing with the field are left out.
 */
export function relevantExcerpt(
  kb: string,
  field: ReviewField,
  transcriptText: string,
  maxLines: number,
): ExcerptLine[] {
  const weights = new Map<string, number>();
  const weigh = (words: Set<string>, weight: number) => {
    for (const w of words) weights.set(w, (weights.get(w) ?? 0) + weight);
  };
  weigh(terms(inert(field.field).replace(/[._-]+/g, " ")), 3);
  weigh(terms(inert([...field.answers.map((a) => a.value), field.gold].flatMap(leaves).join(" "))), 2);
  weigh(terms(inert(transcriptText)), 0.25);
  const scored = kb
    .split(/\r?\n/)
    .map((raw, i) => {
      const text = inert(raw).trim();
      let score = 0;
      for (const word of terms(text)) score += weights.get(word) ?? 0;
      return { line: i + 1, text, score };
    })
    .filter((l) => l.text !== "" && l.score >= 1);
  return scored
    .sort((a, b) => b.score - a.score || a.line - b.line)
    .slice(0, Math.max(0, maxLines))
    .sort((a, b) => a.line - b.line)
    .map(({ line, text }) => ({ line, text }));
}

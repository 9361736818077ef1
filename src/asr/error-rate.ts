// Word and character error counts for speech recognition output, and rates computed from them.
import type { Case } from "../core/types.js";
import { align, type ErrorCounts } from "./align.js";
import { graphemes } from "./graphemes.js";
import { type AsrLang, detectLang, normaliseForAsr } from "./normalise.js";

export type { ErrorCounts } from "./align.js";

/**
 * Names the normalisation in normalise.ts. Stored scores carry it, so scores made
 * under different rules are never compared as if alike; bump it on any change there.
 */
export const NORMALISATION_VERSION = "asr-norm-1";

export interface ErrorOptions {
  /** Language of both texts. @default detected from the reference (the hypothesis when the reference is empty) */
  lang?: AsrLang;
}

// Both sides must use the same units, so one language is chosen for the pair:
// the reference decides, being the text we trust.
function pairLang(reference: string, hypothesis: string, options: ErrorOptions): AsrLang {
  if (options.lang !== undefined) return options.lang;
  return detectLang(reference.trim() === "" ? hypothesis : reference);
}

/**
 * Word-level counts after normalisation, aligned the way NIST sclite aligns.
 * Japanese has no word segmenter here, so its units are characters (see normalise.ts).
 */
export function wordErrors(reference: string, hypothesis: string, options: ErrorOptions = {}): ErrorCounts {
  const lang = pairLang(reference, hypothesis, options);
  return align(normaliseForAsr(reference, { lang }), normaliseForAsr(hypothesis, { lang })).counts;
}

function characters(words: readonly string[]): string[] {
  return graphemes(words.join(""));
}

/**
 * Character-level counts of the normalised text. Spaces are not characters here:
 * word boundaries are what WER measures, so CER measures spelling alone ("ice
 * cream" and "icecream" have CER 0), and English CER counts the same units as
 * Japanese, which has no spaces. For Japanese this equals `wordErrors`.
 */
export function charErrors(reference: string, hypothesis: string, options: ErrorOptions = {}): ErrorCounts {
  const lang = pairLang(reference, hypothesis, options);
  const ref = characters(normaliseForAsr(reference, { lang }));
  const hyp = characters(normaliseForAsr(hypothesis, { lang }));
  return align(ref, hyp).counts;
}

/**
 * (sub + del + ins) / ref; it exceeds 1 when the hypothesis adds more than the
 * reference holds. An empty reference gives 0 for an empty hypothesis and 1 for
 * any other: every word is an error, and a finite value keeps means and JSON sane
 * where ins / 0 would be Infinity.
 */
export function errorRate(counts: ErrorCounts): number {
  const errors = counts.sub + counts.del + counts.ins;
  if (counts.ref === 0) return errors === 0 ? 0 : 1;
  return errors / counts.ref;
}

/**
 * Corpus counts are the sum of utterance counts; the corpus rate is `errorRate` of
 * that sum, which weights utterances by length. The mean of per-utterance rates
 * lets a two-word utterance count as much as a two-hundred-word one.
 */
export function sumCounts(list: Iterable<ErrorCounts>): ErrorCounts {
  const total: ErrorCounts = { ref: 0, hyp: 0, correct: 0, sub: 0, del: 0, ins: 0 };
  for (const counts of list) {
    total.ref += counts.ref;
    total.hyp += counts.hyp;
    total.correct += counts.correct;
    total.sub += counts.sub;
    total.del += counts.del;
    total.ins += counts.ins;
  }
  return total;
}

/** The reference transcript as plain words, as a recogniser is scored against it: speaker labels are not speech. */
export function referenceText(transcript: Case["transcript"]): string {
  return typeof transcript === "string" ? transcript : transcript.map((turn) => turn.text).join(" ");
}

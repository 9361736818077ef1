// Recognition noise on one transcript, applied until the measured error count meets its budget.
import type { ErrorCounts } from "../asr/error-rate.js";
import { wordErrors } from "../asr/error-rate.js";
import type { Turn } from "../core/types.js";
import type { Lang } from "./generator.js";
import { type Codec, detectLang, englishCodec, japaneseCodec } from "./lang.js";
import { errorTotal, measureTranscript } from "./measure.js";
import { pickWeighted, type Random, seededRandom, stochasticRound } from "./random.js";

export interface PerturbOptions {
  /** Word error rate to aim at, 0..1; for Japanese a character error rate. */
  targetWer: number;
  /** Same seed and same transcript give the same output, byte for byte. */
  seed: number;
  /** @default detected: "ja" when the text has kana or kanji */
  lang?: Lang;
}

export interface Perturbed<T extends string | Turn[]> {
  transcript: T;
  /** Measured against the original after all edits; `errorTotal(counts) / counts.ref` is `wer`. */
  counts: ErrorCounts;
  wer: number;
  lang: Lang;
}

// Consecutive edits that found no place or overshot before giving up; far above what a budget needs.
const MAX_MISSES = 200;

/**
 * Applies recognition errors until the measured errors reach `targetWer × reference words`, rounded to a
 * whole number at random (up with probability equal to the fraction), so that across many calls the rate
 * lands on target. Each edit is measured and kept only when it adds errors without passing the budget:
 * after normalisation an edit can count for 0, 1 or several errors.
 */
export function perturbTranscript<T extends string | Turn[]>(
  transcript: T,
  options: PerturbOptions,
): Perturbed<T> {
  if (!Number.isFinite(options.targetWer) || options.targetWer < 0 || options.targetWer > 1)
    throw new RangeError(`targetWer must be between 0 and 1, got ${options.targetWer}`);
  const lang = options.lang ?? detectLang(transcript);
  const random = seededRandom(options.seed);
  const units = typeof transcript === "string" ? segments(transcript) : transcript.map((turn) => turn.text);
  const refs = units.map((text) => wordErrors(text, text, { lang }).ref);
  const budget = stochasticRound(random, options.targetWer * refs.reduce((sum, ref) => sum + ref, 0));
  const texts =
    lang === "ja"
      ? perturbUnits(units, refs, budget, japaneseCodec, random, lang)
      : perturbUnits(units, refs, budget, englishCodec, random, lang);
  const result = (
    typeof transcript === "string"
      ? texts.join("")
      : transcript.map((turn, i) => ({ ...turn, text: texts[i] ?? turn.text }))
  ) as T;
  const counts = measureTranscript(transcript, result, lang);
  return { transcript: result, counts, wer: counts.ref === 0 ? 0 : errorTotal(counts) / counts.ref, lang };
}

/** A long string in sentence-sized pieces, so each edit is measured on a short text; joins back exactly. */
function segments(text: string): string[] {
  return text.split(/(?<=[.!?。！？\n])/u);
}

function perturbUnits<T>(
  units: readonly string[],
  refs: readonly number[],
  budget: number,
  codec: Codec<T>,
  random: Random,
  lang: Lang,
): string[] {
  const state = units.map((text) => ({ ...codec.split(text), text, errors: 0 }));
  const weights = codec.generators.map((entry) => entry.weight);
  let total = 0;
  // Edits the scorer cannot see ("uh", which it drops) make the text more like a recogniser's, but are capped
  // at a tenth of the budget so a variant is never mostly noise the score ignores.
  let unseen = Math.ceil(budget / 10);
  for (let misses = 0; total < budget && misses < MAX_MISSES; misses++) {
    // Longer turns get proportionally more errors, as they would from a recogniser.
    const at = pickWeighted(random, refs);
    const unit = at === undefined ? undefined : state[at];
    const original = at === undefined ? undefined : units[at];
    const generator = codec.generators[pickWeighted(random, weights) ?? -1]?.generator;
    if (at === undefined || !unit || original === undefined || !generator) break;
    const tokens = generator.apply(unit.tokens, random);
    if (!tokens) continue;
    const text = codec.join(unit.lead, tokens);
    const errors = errorTotal(wordErrors(original, text, { lang }));
    const added = errors - unit.errors;
    if (added < 0 || total + added > budget || (added === 0 && unseen <= 0)) continue;
    state[at] = { lead: unit.lead, tokens, text, errors };
    if (added === 0) unseen--;
    else [total, misses] = [total + added, -1];
  }
  return state.map((unit) => unit.text);
}

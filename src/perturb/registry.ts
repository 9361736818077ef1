// Which errors each language gets, and how often: a new kind of error is one file and one line here.
import { fillers, repeatedWords } from "./en/disfluencies.js";
import { droppedWords } from "./en/dropped-words.js";
import { homophones } from "./en/homophones.js";
import { nearWords } from "./en/near-words.js";
import { confusableNumbers, digitSlips } from "./en/numbers.js";
import { mergedWords, splitWords } from "./en/split-merge.js";
import type { Word } from "./en/words.js";
import type { ErrorGenerator } from "./generator.js";
import { droppedLongVowels, jaFillers } from "./ja/fillers.js";
import { jaHomophones } from "./ja/homophones.js";
import { nearKana } from "./ja/near-kana.js";
import { confusableNumerals, jaDigitSlips } from "./ja/numerals.js";
import { droppedParticles } from "./ja/particles.js";

export interface Weighted<T> {
  generator: ErrorGenerator<T>;
  /** Relative chance of being tried; a generator with no place to act is skipped, so rare ones cost nothing. */
  weight: number;
}

// Weights lean on the errors real recognisers make most: dropped function words and near-sounding words.
export const ENGLISH: readonly Weighted<Word>[] = [
  { generator: confusableNumbers, weight: 3 },
  { generator: digitSlips, weight: 2 },
  { generator: homophones, weight: 3 },
  { generator: droppedWords, weight: 4 },
  { generator: splitWords, weight: 1 },
  { generator: mergedWords, weight: 1 },
  { generator: fillers, weight: 2 },
  { generator: repeatedWords, weight: 1 },
  { generator: nearWords, weight: 4 },
];

export const JAPANESE: readonly Weighted<string>[] = [
  { generator: confusableNumerals, weight: 2 },
  { generator: jaDigitSlips, weight: 2 },
  { generator: jaHomophones, weight: 3 },
  { generator: droppedParticles, weight: 4 },
  { generator: jaFillers, weight: 2 },
  { generator: droppedLongVowels, weight: 1 },
  { generator: nearKana, weight: 4 },
];

import { joinWords, splitWords as tokenize } from "../../src/perturb/en/words.js";
import type { ErrorGenerator } from "../../src/perturb/generator.js";
import { seededRandom } from "../../src/perturb/random.js";

/** Applies an English generator to a text with a fixed stream; undefined when it found no place. */
export function applyEn(
  generator: ErrorGenerator<ReturnType<typeof tokenize>["tokens"][number]>,
  text: string,
  seed = 1,
) {
  const { lead, tokens } = tokenize(text);
  const out = generator.apply(tokens, seededRandom(seed));
  return out && joinWords(lead, out);
}

export function applyJa(generator: ErrorGenerator<string>, text: string, seed = 1) {
  const out = generator.apply(Array.from(text), seededRandom(seed));
  return out?.join("");
}

/** Every distinct output of a generator over many seeds, to pin what it can and cannot produce. */
export function outcomes(apply: (seed: number) => string | undefined, seeds = 60): Set<string | undefined> {
  return new Set(Array.from({ length: seeds }, (_, seed) => apply(seed)));
}

// The word error rate of a perturbed transcript against its original, measured as the scorer would.
import { type ErrorCounts, sumCounts, wordErrors } from "../asr/error-rate.js";
import type { Turn } from "../core/types.js";
import type { Lang } from "./generator.js";

export function errorTotal(counts: ErrorCounts): number {
  return counts.sub + counts.del + counts.ins;
}

/**
 * Counts of `perturbed` against `original`: turn by turn for turns (a turn's words are only ever aligned
 * with the same turn's), the whole text for a string.
 */
export function measureTranscript(
  original: string | readonly Turn[],
  perturbed: string | readonly Turn[],
  lang: Lang,
): ErrorCounts {
  if (typeof original === "string" || typeof perturbed === "string") {
    if (typeof original !== "string" || typeof perturbed !== "string")
      throw new TypeError("a string transcript can only be measured against a string");
    return wordErrors(original, perturbed, { lang });
  }
  if (original.length !== perturbed.length)
    throw new TypeError(
      `turn counts differ: ${original.length} in the original, ${perturbed.length} perturbed`,
    );
  return sumCounts(original.map((turn, i) => wordErrors(turn.text, perturbed[i]?.text ?? "", { lang })));
}

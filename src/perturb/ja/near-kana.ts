// The Japanese fallback: a kana heard with or without its voicing, so every error budget is reachable.
import { type ErrorGenerator, pickSite, splice } from "../generator.js";

// Kana that differ only in voicing (か/が, テ/デ): the commonest single-sound slip in Japanese recognition.
const PAIRS = [
  ..."かがきぎくぐけげこごさざしじすずせぜそぞただちぢつづてでとどはばひびふぶへべほぼ",
  ..."カガキギクグケゲコゴサザシジスズセゼソゾタダチヂツヅテデトドハバヒビフブヘベホボ",
];
const NEAR = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  const [a, b] = [PAIRS[i] ?? "", PAIRS[i + 1] ?? ""];
  NEAR.set(a, b);
  NEAR.set(b, a);
}

export const nearKana: ErrorGenerator<string> = {
  id: "ja-near-kana",
  apply(chars, random) {
    const at = pickSite(chars, random, (char) => NEAR.has(char));
    if (at !== undefined) return splice(chars, at, 1, NEAR.get(chars[at] ?? "") ?? "");
    // No kana at all (a line of kanji and digits): a syllable goes missing instead.
    const gone = pickSite(chars, random, (char) => /[\p{L}\p{N}]/u.test(char));
    return gone === undefined ? undefined : splice(chars, gone, 1);
  },
};

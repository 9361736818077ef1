// Particles are short and unstressed; after a noun they are the first thing a recogniser drops.
import { type ErrorGenerator, pickSite, splice } from "../generator.js";

const PARTICLES = new Set(["は", "が", "を", "に", "の", "で", "と", "も", "へ"]);
// A particle right after kanji, katakana or a digit follows a noun; after hiragana it is often part of a word (はい).
const NOUN_END = /[\p{Script=Han}\p{Script=Katakana}ー\d０-９]/u;

export const droppedParticles: ErrorGenerator<string> = {
  id: "ja-dropped-particle",
  apply(chars, random) {
    const at = pickSite(
      chars,
      random,
      (char, index) => PARTICLES.has(char) && NOUN_END.test(chars[index - 1] ?? ""),
    );
    return at === undefined ? undefined : splice(chars, at, 1);
  },
};

// Hesitation fillers, and long vowels shortened: both change the characters but not the meaning.
import { type ErrorGenerator, pickSite, splice } from "../generator.js";
import { pick } from "../random.js";

const FILLERS = ["えー", "あの", "えっと", "あのー", "まあ"];

export const jaFillers: ErrorGenerator<string> = {
  id: "ja-filler",
  apply(chars, random) {
    // Fillers open a phrase: the start of the text or after 、 or 。, never after the last one.
    const at = pickSite(
      chars,
      random,
      (_char, index) => index === 0 || /[、。，．！？]/.test(chars[index - 1] ?? ""),
    );
    const filler = pick(random, FILLERS);
    return at === undefined || filler === undefined ? undefined : splice(chars, at, 0, ...filler, "、");
  },
};

export const droppedLongVowels: ErrorGenerator<string> = {
  id: "ja-dropped-long-vowel",
  apply(chars, random) {
    const at = pickSite(chars, random, (char) => char === "ー");
    return at === undefined ? undefined : splice(chars, at, 1);
  },
};

// Short unstressed words the recogniser swallows.
import { type ErrorGenerator, pickSite } from "../generator.js";
import { lower, replaceWord, type Word } from "./words.js";

const SHORT = new Set(
  "a an the to of and i is it in on at for that so be are was do my me we you or but".split(" "),
);

export const droppedWords: ErrorGenerator<Word> = {
  id: "dropped-word",
  apply(tokens, random) {
    // Never the only word: an empty turn would be a different kind of failure.
    if (tokens.length < 2) return undefined;
    const at = pickSite(tokens, random, (token) => SHORT.has(lower(token)));
    return at === undefined ? undefined : replaceWord(tokens, at, "");
  },
};

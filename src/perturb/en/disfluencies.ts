// Hesitations that make it into the transcript: fillers, and a word said twice.
import { type ErrorGenerator, pickSite, splice } from "../generator.js";
import { pick, randomInt } from "../random.js";
import { insertWords, type Word } from "./words.js";

const FILLERS = ["uh", "um", "you know", "like", "I mean"];

export const fillers: ErrorGenerator<Word> = {
  id: "filler",
  apply(tokens, random) {
    const filler = pick(random, FILLERS);
    if (filler === undefined) return undefined;
    return insertWords(tokens, randomInt(random, tokens.length + 1), filler);
  },
};

export const repeatedWords: ErrorGenerator<Word> = {
  id: "repeated-word",
  apply(tokens, random) {
    const at = pickSite(tokens, random, (token) => token.word !== "");
    const token = at === undefined ? undefined : tokens[at];
    if (at === undefined || !token) return undefined;
    // "the the": the first copy keeps the opening punctuation, the second the closing one.
    return splice(tokens, at, 1, { ...token, post: "", space: " " }, { ...token, pre: "" });
  },
};

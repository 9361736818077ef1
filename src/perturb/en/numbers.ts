// Misheard numbers: teens for tens, number words for their sound-alikes, and slips in digit strings.
import { confusionMap, type ErrorGenerator, pickSite, slipDigit } from "../generator.js";
import { pick } from "../random.js";
import { lower, replaceWord, type Word, withCase } from "./words.js";

// Teens and tens differ only in stress, and short number words have common sound-alikes.
const CONFUSABLE = confusionMap([
  ["thirteen", "thirty"],
  ["fourteen", "forty"],
  ["fifteen", "fifty"],
  ["sixteen", "sixty"],
  ["seventeen", "seventy"],
  ["eighteen", "eighty"],
  ["nineteen", "ninety"],
  ["two", "to", "too"],
  ["four", "for"],
  ["eight", "ate"],
  ["oh", "zero"],
  ["one", "won"],
  ["ten", "then"],
  ["nine", "nein"],
]);

export const confusableNumbers: ErrorGenerator<Word> = {
  id: "confusable-number",
  apply(tokens, random) {
    const at = pickSite(tokens, random, (token) => CONFUSABLE.has(lower(token)));
    const token = at === undefined ? undefined : tokens[at];
    if (at === undefined || !token) return undefined;
    const replacement = pick(random, CONFUSABLE.get(lower(token)) ?? []);
    return replacement === undefined ? undefined : replaceWord(tokens, at, withCase(token.word, replacement));
  },
};

/** A number written in digits ("555-0198", "(212)") loses a digit or has two swapped. */
export const digitSlips: ErrorGenerator<Word> = {
  id: "digit-slip",
  apply(tokens, random) {
    const at = pickSite(tokens, random, (token) => /^[\d.-]*$/.test(token.word) && /\d{3}/.test(token.word));
    const token = at === undefined ? undefined : tokens[at];
    if (at === undefined || !token) return undefined;
    const slipped = slipDigit([...token.word], random);
    if (!slipped) return undefined;
    const copy = [...tokens];
    copy[at] = { ...token, word: slipped.join("") };
    return copy;
  },
};

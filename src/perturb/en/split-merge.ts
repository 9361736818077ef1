// Word boundaries heard in the wrong place: names and compounds split apart, short words run together.
import { type ErrorGenerator, pickSite, splice } from "../generator.js";
import { lower, replaceWord, type Word } from "./words.js";

// Names whose pieces are words of their own, as a recogniser with no name list hears them.
const NAMES = new Map([
  ["anderson", "and her son"],
  ["johnson", "john son"],
  ["robertson", "robert son"],
  ["richardson", "richard son"],
  ["jefferson", "jeff person"],
  ["washington", "washing ton"],
  ["kennedy", "can a dee"],
  ["madison", "mad a son"],
  ["harrison", "harry son"],
  ["emerson", "emma son"],
]);

// Common compound pieces: "rosewood" → "rose wood", "afternoon" → "after noon".
const ENDINGS =
  "wood field way ford son man ton land house room time day book work line side port view noon ache"
    .split(" ")
    .sort((a, b) => b.length - a.length);
const STARTS = "after over under every some any back out up down hand head".split(" ");

function splitOf(word: string): string | undefined {
  const key = word.toLowerCase();
  const name = NAMES.get(key);
  if (name) return name;
  // Irish and Scottish prefixes are said as a syllable of their own.
  const prefixed = /^(ma?c)([a-z']{3,})$/i.exec(word);
  if (prefixed?.[1] && prefixed[2] && /^[A-Z]/.test(prefixed[2]))
    return `${key.slice(0, prefixed[1].length)} ${prefixed[2].toLowerCase()}`;
  const end = ENDINGS.find((part) => key.endsWith(part) && key.length - part.length >= 3);
  if (end) return `${key.slice(0, -end.length)} ${end}`;
  const start = STARTS.find((part) => key.startsWith(part) && key.length - part.length >= 3);
  return start ? `${start} ${key.slice(start.length)}` : undefined;
}

export const splitWords: ErrorGenerator<Word> = {
  id: "split-word",
  apply(tokens, random) {
    const at = pickSite(tokens, random, (token) => splitOf(token.word) !== undefined);
    const token = at === undefined ? undefined : tokens[at];
    const split = token && splitOf(token.word);
    return at === undefined || !split ? undefined : replaceWord(tokens, at, split);
  },
};

const SHORT = /^[a-z']{1,4}$/i;

/** Two short words with nothing between them become one: "a lot" → "alot", "in to" → "into". */
export const mergedWords: ErrorGenerator<Word> = {
  id: "merged-words",
  apply(tokens, random) {
    const at = pickSite(tokens, random, (token, index) => {
      const next = tokens[index + 1];
      return !!next && SHORT.test(token.word) && SHORT.test(next.word) && !token.post && !next.pre;
    });
    const first = at === undefined ? undefined : tokens[at];
    const second = at === undefined ? undefined : tokens[at + 1];
    if (at === undefined || !first || !second) return undefined;
    return splice(tokens, at, 2, { ...second, pre: first.pre, word: first.word + lower(second) });
  },
};

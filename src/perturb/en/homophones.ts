// Words that sound alike and are spelt apart: the recogniser hears right and writes the wrong one.
import { confusionMap, type ErrorGenerator, pickSite } from "../generator.js";
import { pick } from "../random.js";
import { lower, replaceWord, type Word, withCase } from "./words.js";

// A modest curated list of everyday homophones; numbers live in numbers.ts.
const HOMOPHONES = confusionMap([
  ["there", "their", "they're"],
  ["your", "you're"],
  ["its", "it's"],
  ["right", "write"],
  ["meet", "meat"],
  ["week", "weak"],
  ["here", "hear"],
  ["no", "know"],
  ["new", "knew"],
  ["by", "buy", "bye"],
  ["hour", "our"],
  ["wait", "weight"],
  ["see", "sea"],
  ["son", "sun"],
  ["where", "wear"],
  ["would", "wood"],
  ["whole", "hole"],
  ["knight", "night"],
  ["not", "knot"],
  ["made", "maid"],
  ["sale", "sail"],
  ["mail", "male"],
  ["piece", "peace"],
  ["break", "brake"],
  ["flour", "flower"],
  ["through", "threw"],
  ["dear", "deer"],
  ["pair", "pear"],
  ["tail", "tale"],
  ["cell", "sell"],
  ["board", "bored"],
  ["seen", "scene"],
  ["sum", "some"],
  ["role", "roll"],
  ["which", "witch"],
  ["weather", "whether"],
  ["allowed", "aloud"],
  ["bare", "bear"],
  ["fair", "fare"],
  ["plane", "plain"],
]);

export const homophones: ErrorGenerator<Word> = {
  id: "homophone",
  apply(tokens, random) {
    const at = pickSite(tokens, random, (token) => HOMOPHONES.has(lower(token)));
    const token = at === undefined ? undefined : tokens[at];
    if (at === undefined || !token) return undefined;
    const replacement = pick(random, HOMOPHONES.get(lower(token)) ?? []);
    return replacement === undefined ? undefined : replaceWord(tokens, at, withCase(token.word, replacement));
  },
};

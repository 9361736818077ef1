// Words and the numbers spoken with them: what every field's rules read the transcript as.

/** A read value and the index of the first token after it. */
export interface Read<T> {
  value: T;
  end: number;
}

// biome-ignore format: a table reads better than one word a line
const UNITS = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
// biome-ignore format: a table reads better than one word a line
const ORDINALS = [
  "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
  "nineteenth", "twentieth",
];

// Maps, not object literals: a word like "constructor" must not find Object.prototype.
const UNIT_VALUE = new Map(UNITS.map((word, i): [string, number] => [word, i]));
const TENS_VALUE = new Map(TENS.flatMap((word, i): [string, number][] => (word ? [[word, i * 10]] : [])));
const ORDINAL_VALUE = new Map(ORDINALS.flatMap((word, i): [string, number][] => (word ? [[word, i]] : [])));
ORDINAL_VALUE.set("thirtieth", 30);

/** "oh" and "o" are zero only among other digits, which the phone rules check. */
const DIGIT_VALUE = new Map([...UNITS.slice(0, 10).map((word, i): [string, number] => [word, i])]);
DIGIT_VALUE.set("oh", 0);
DIGIT_VALUE.set("o", 0);

/**
 * Lower-case words and digit groups, punctuation dropped: a recogniser writes none, so the reference
 * transcript is read the same way. "7:30pm" becomes "7 30 pm", "p.m." becomes "p m", "5th" stays "5th".
 */
export function tokenise(text: string): string[] {
  const plain = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘`]/gu, "'")
    .replace(/(\d)(?=[a-z])(?!(?:st|nd|rd|th)\b)/gu, "$1 ");
  return plain.match(/[a-z]+(?:'[a-z]+)*|\d+(?:st|nd|rd|th)?/gu) ?? [];
}

/** The value of a single digit word ("five", "oh"), or of a one-character digit token. */
export function digitWord(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  if (/^\d$/u.test(token)) return Number(token);
  return DIGIT_VALUE.get(token);
}

/** A whole number from 0 to 99: "four", "fifteen", "forty five", "45". */
export function readCardinal(tokens: string[], at: number): Read<number> | undefined {
  const token = tokens[at];
  if (token === undefined) return undefined;
  if (/^\d{1,2}$/u.test(token)) return { value: Number(token), end: at + 1 };
  const unit = UNIT_VALUE.get(token);
  if (unit !== undefined) return { value: unit, end: at + 1 };
  const tens = TENS_VALUE.get(token);
  if (tens === undefined) return undefined;
  const next = UNIT_VALUE.get(tokens[at + 1] ?? "");
  if (next !== undefined && next >= 1 && next <= 9) return { value: tens + next, end: at + 2 };
  return { value: tens, end: at + 1 };
}

/** A day of the month, 1 to 31: "fifth", "twenty first", "5th", and (after a month) "5" or "five". */
export function readDayOfMonth(tokens: string[], at: number, cardinalToo: boolean): Read<number> | undefined {
  const token = tokens[at] ?? "";
  const numbered = token.match(/^(\d{1,2})(st|nd|rd|th)?$/u);
  let read: Read<number> | undefined;
  if (numbered && (numbered[2] !== undefined || cardinalToo)) {
    read = { value: Number(numbered[1]), end: at + 1 };
  } else if (ORDINAL_VALUE.has(token)) {
    read = { value: ORDINAL_VALUE.get(token) ?? 0, end: at + 1 };
  } else if (token === "twenty" || token === "thirty") {
    const unit = ORDINAL_VALUE.get(tokens[at + 1] ?? "");
    if (unit !== undefined && unit <= 9) read = { value: TENS.indexOf(token) * 10 + unit, end: at + 2 };
  } else if (cardinalToo) {
    read = readCardinal(tokens, at);
  }
  return read && read.value >= 1 && read.value <= 31 ? read : undefined;
}

/** Whether the tokens from `at` on spell out `phrase` ("in the evening"). */
export function startsWith(tokens: string[], at: number, phrase: string): boolean {
  return phrase.split(" ").every((word, i) => tokens[at + i] === word);
}

// Who called, for how many, and what they want: the fields read from cue words around them.
import { inSpans, type Span } from "./phone.js";
import { readCardinal, startsWith } from "./words.js";

export type Intent = "book" | "cancel" | "change";

const NAME_CUES = ["my name is", "name's", "this is"];
// Words that follow "this is" in a sentence but are no one's name; the name ends at the first of them.
const NOT_NAMES = new Set(
  (
    "a an the and or but so i i'd i'm i'll i've me my we we're our you your it it's is was are be that this " +
    "there here for from to on at in of with about regarding calling speaking again just please could can " +
    "would will want need like hi hello hey yes yeah no okay ok um uh er sorry thanks thank good morning " +
    "afternoon evening booking reservation table call"
  ).split(" "),
);

function titleCase(word: string): string {
  return word.replace(
    /(^|['-])([a-z])/gu,
    (_match, before: string, letter: string) => before + letter.toUpperCase(),
  );
}

/** "my name is Linh Nguyen", "this is Siobhan Kelly": one or two words after the first cue that has any. */
export function findName(tokens: string[]): string | null {
  for (let at = 0; at < tokens.length; at++) {
    const cue = NAME_CUES.find((phrase) => startsWith(tokens, at, phrase));
    if (!cue) continue;
    const start = at + cue.split(" ").length;
    const words: string[] = [];
    for (const word of tokens.slice(start, start + 2)) {
      if (NOT_NAMES.has(word) || !/^[a-z][a-z'-]*$/u.test(word)) break;
      words.push(titleCase(word));
    }
    if (words.length > 0) return words.join(" ");
  }
  return null;
}

const SIZE_BEFORE = ["table for", "party of", "group of"];
const SIZE_AFTER = ["people", "persons", "guests", "adults", "diners", "of us"];

/** "table for four", "six people", "party of eight"; the last one said stands ("four, no, six people"). */
export function findPartySize(tokens: string[], phoneSpans: Span[]): number | null {
  let found: number | null = null;
  for (let at = 0; at < tokens.length; ) {
    const read = inSpans(phoneSpans, at) ? undefined : readCardinal(tokens, at);
    if (!read) {
      at++;
      continue;
    }
    const before = SIZE_BEFORE.some((phrase) => startsWith(tokens, at - phrase.split(" ").length, phrase));
    const after = SIZE_AFTER.some((phrase) => startsWith(tokens, read.end, phrase));
    if ((before || after) && read.value >= 1) found = read.value;
    // Past the whole number, so "twenty two people" is not also read as "two people".
    at = read.end;
  }
  return found;
}

const CANCEL = new Set(["cancel", "cancelled", "canceled", "cancelling", "canceling", "cancellation"]);
const CHANGE = new Set(["change", "changing", "move", "moving", "reschedule", "rescheduling", "postpone"]);
const BOOK = new Set(["book", "booking", "reserve", "reservation", "table"]);

/** Cancel outranks change, change outranks book: "change my booking" is a change. */
export function findIntent(tokens: string[]): Intent | null {
  if (tokens.some((token) => CANCEL.has(token))) return "cancel";
  if (tokens.some((token) => CHANGE.has(token))) return "change";
  if (tokens.some((token) => BOOK.has(token))) return "book";
  return null;
}

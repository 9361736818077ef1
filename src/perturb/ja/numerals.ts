// Misheard Japanese numbers: し/しち and いち/しち blur, and digit strings slip like in English.
import { confusionMap, type ErrorGenerator, pickSite, slipDigit, splice } from "../generator.js";
import { pick } from "../random.js";

// 四 (shi) and 七 (shichi), 一 (ichi) and 七: why speakers say よん and なな. Digits follow their kanji.
const CONFUSABLE = confusionMap([
  ["四", "七"],
  ["一", "七"],
  ["4", "7"],
  ["1", "7"],
  ["４", "７"],
  ["１", "７"],
]);

export const confusableNumerals: ErrorGenerator<string> = {
  id: "ja-confusable-numeral",
  apply(chars, random) {
    const at = pickSite(chars, random, (char) => CONFUSABLE.has(char));
    const char = at === undefined ? undefined : chars[at];
    const swap = char === undefined ? undefined : pick(random, CONFUSABLE.get(char) ?? []);
    return at === undefined || swap === undefined ? undefined : splice(chars, at, 1, swap);
  },
};

const DIGIT = /[\d０-９]/;

/** A run of three or more digits (a phone number: "090-1234-5678") loses a digit or has two swapped. */
export const jaDigitSlips: ErrorGenerator<string> = {
  id: "ja-digit-slip",
  apply(chars, random) {
    const runs: [number, number][] = [];
    for (let start = 0; start < chars.length; ) {
      let end = start;
      while (end < chars.length && (DIGIT.test(chars[end] ?? "") || (end > start && chars[end] === "-")))
        end++;
      if (end > start) runs.push([start, end]);
      start = Math.max(end, start + 1);
    }
    const run = pick(
      random,
      runs.filter(([start, end]) => chars.slice(start, end).filter((char) => DIGIT.test(char)).length >= 3),
    );
    if (!run) return undefined;
    // slipDigit knows ASCII digits only; full-width ones map through and back.
    const part = chars.slice(run[0], run[1]).map((char) => toAscii(char));
    const slipped = slipDigit(part, random);
    if (!slipped) return undefined;
    const wide = chars.slice(run[0], run[1]).some((char) => /[０-９]/.test(char));
    return splice(chars, run[0], run[1] - run[0], ...slipped.map((char) => (wide ? toWide(char) : char)));
  },
};

function toAscii(char: string): string {
  return /[０-９]/.test(char) ? String.fromCharCode(char.charCodeAt(0) - 0xfee0) : char;
}

function toWide(char: string): string {
  return /\d/.test(char) ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char;
}

// The contract every error generator meets, and helpers they share.
import type { AsrLang } from "../asr/normalise.js";
import { pick, type Random } from "./random.js";

/** The scorer's languages: English is measured by word, Japanese by character. */
export type Lang = AsrLang;

/**
 * One kind of recognition error. `apply` makes one error at a random place it fits and returns the new
 * tokens (the input is never changed), or undefined when nothing in these tokens fits this kind.
 * English generators see words, Japanese ones see characters.
 */
export interface ErrorGenerator<T> {
  readonly id: string;
  apply(tokens: readonly T[], random: Random): T[] | undefined;
}

/** A random index whose token passes `fits`, or undefined when none does. */
export function pickSite<T>(
  tokens: readonly T[],
  random: Random,
  fits: (token: T, index: number) => boolean,
): number | undefined {
  const sites: number[] = [];
  for (const [index, token] of tokens.entries()) if (fits(token, index)) sites.push(index);
  return pick(random, sites);
}

/** A copy of `tokens` with `count` tokens at `at` replaced by `insert`. */
export function splice<T>(tokens: readonly T[], at: number, count: number, ...insert: T[]): T[] {
  const copy = [...tokens];
  copy.splice(at, count, ...insert);
  return copy;
}

/** Both directions of each confusable pair or group: every member maps to the others. */
export function confusionMap(groups: readonly (readonly string[])[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const group of groups) {
    for (const member of group) {
      const others = group.filter((other) => other !== member);
      map.set(member, [...(map.get(member) ?? []), ...others]);
    }
  }
  return map;
}

/**
 * A digit string with one digit dropped or two neighbouring digits swapped, as when a number is read back
 * too fast. Separators (hyphens, dots, spaces) are kept. Undefined when it has fewer than three digits.
 */
export function slipDigit(chars: readonly string[], random: Random): string[] | undefined {
  const digits = [...chars.keys()].filter((index) => /\d/.test(chars[index] ?? ""));
  if (digits.length < 3) return undefined;
  const swaps = digits.filter((index, i) => {
    const next = digits[i + 1];
    return next !== undefined && chars[index] !== chars[next];
  });
  if (swaps.length > 0 && random() < 0.5) {
    const i = digits.indexOf(pick(random, swaps) ?? -1);
    const a = digits[i];
    const b = digits[i + 1];
    if (a === undefined || b === undefined) return undefined;
    const copy = [...chars];
    [copy[a], copy[b]] = [chars[b] ?? "", chars[a] ?? ""];
    return copy;
  }
  const drop = pick(random, digits);
  return drop === undefined ? undefined : splice(chars, drop, 1);
}

// Seeded chance for noise: one independent stream per (seed, case, level), and the draws made from it.
export { seededRandom } from "../core/random.js";

/** Floats in [0, 1); the only source of chance in this module, so a seed replays a run exactly. */
export type Random = () => number;

/**
 * A seed for one stream, keyed by the parts as well as the seed, so adding or reordering cases never shifts another
 * case's noise. FNV-1a over the parts, then a Murmur3 finaliser so near keys ("a1", "a2") start far apart.
 */
export function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of [seed, ...parts].join("\u0000")) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export function randomInt(random: Random, size: number): number {
  return Math.floor(random() * size);
}

export function pick<T>(random: Random, items: readonly T[]): T | undefined {
  return items[randomInt(random, items.length)];
}

/** An index drawn with probability proportional to its weight; undefined when all weights are 0. */
export function pickWeighted(random: Random, weights: readonly number[]): number | undefined {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) return undefined;
  let at = random() * total;
  for (const [index, weight] of weights.entries()) {
    at -= weight;
    if (at < 0 && weight > 0) return index;
  }
  return weights.findLastIndex((weight) => weight > 0);
}

/**
 * Rounds up with probability equal to the fraction (2.3 → 3 three times in ten), so per-call error budgets
 * are whole numbers while their sum over a corpus stays unbiased.
 */
export function stochasticRound(random: Random, value: number): number {
  const floor = Math.floor(value);
  return floor + (random() < value - floor ? 1 : 0);
}

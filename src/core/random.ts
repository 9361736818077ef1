// A seeded pseudo-random generator, so a gate's bootstrap gives the same answer on every CI run.

/**
 * Mulberry32 (Tommy Ettinger, 2017): 32 bits of state and a period of 2^32,
 * ample for drawing 2,000 × 20,000 indices, far cheaper than a cryptographic
 * generator, and unlike `Math.random` reproducible. Returns floats in [0, 1) with 32 random bits each; the seed is
 * taken modulo 2^32 (fractions dropped).
 *
 * @example
 * const random = seededRandom(1);
 * random(); // 0.6270739405881613, on every machine
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

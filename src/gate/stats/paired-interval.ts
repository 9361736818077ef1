// Confidence interval for a change in accuracy measured on the same calls twice.
import { normalQuantile } from "./normal.js";

export interface PairedDifference {
  /** (c − b) / n: candidate accuracy minus baseline accuracy. Null when n = 0. */
  estimate: number | null;
  /** Tango's score interval for the estimate, inside [−1, 1]. Null when n = 0. */
  interval: [number, number] | null;
}

/**
 * Tango's score statistic at a hypothesised difference δ (Tango 1998, Statistics
 * in Medicine 17:891–908): (c − b − nδ) / √(n·(2·p̃_b + δ(1 − δ))), where p̃_b is
 * the maximum-likelihood P(right → wrong) under the constraint p_c − p_b = δ,
 * the positive root of 2n·x² + B·x + C = 0.
 */
function tangoStatistic(b: number, c: number, n: number, delta: number): number {
  const numerator = c - b - n * delta;
  if (numerator === 0) return 0;
  const quadB = -c - b + (2 * n - c + b) * delta;
  const quadC = -b * delta * (1 - delta);
  const root = Math.sqrt(Math.max(0, quadB * quadB - 8 * n * quadC));
  // Two algebraically equal forms of the root; pick the one without cancellation.
  const pb = quadB > 0 ? (-2 * quadC) / (root + quadB) : (root - quadB) / (4 * n);
  // Near δ = ±1 the variance rounds to 0 or just below it: the statistic is then ±∞.
  const variance = Math.max(0, n * (2 * pb + delta * (1 - delta)));
  return numerator / Math.sqrt(variance);
}

/** The δ in [low, high] where a decreasing `f` crosses `target`, to the last bit. */
function bisectDecreasing(f: (delta: number) => number, target: number, low: number, high: number): number {
  let lo = low;
  let hi = high;
  for (;;) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) return mid;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
}

/**
 * Interval for the paired difference in accuracy (c − b)/n, where b calls went
 * right → wrong, c went wrong → right, and n calls were scored in both runs.
 *
 * Method: Tango's asymptotic score interval, the set of δ that the score test
 * for "difference = δ" does not reject. Chosen over the two usual alternatives:
 * - Newcombe's method 10 (hybrid score, "square-and-add") needs the concordant
 *   cells split into both-right and both-wrong, which (b, c, n) does not carry.
 * - Wald with continuity correction collapses to ±1/n when b = c = 0, can leave
 *   [−1, 1], and under-covers with few discordant calls, the gate's usual case.
 * Tango's interval needs only b, c and n, stays inside [−1, 1], is never
 * degenerate, and at δ = 0 its statistic is McNemar's (c − b)/√(b + c), so it
 * agrees with the McNemar test. Fagerland, Lydersen & Laake (2014, Statistics in
 * Medicine 33:2850–2875) recommend it for paired differences at all sample sizes.
 *
 * Reference: b = 16, c = 6, n = 161 (Cavo et al. 2012, in Fagerland et al.'s
 * "Statistical Analysis of Contingency Tables", ch. 8) gives −0.0621 (−0.1240 to −0.0054).
 */
export function pairedDifferenceInterval(
  b: number,
  c: number,
  n: number,
  confidence = 0.95,
): PairedDifference {
  for (const [name, value] of [
    ["b", b],
    ["c", c],
    ["n", n],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a non-negative integer count, got ${value}`);
    }
  }
  if (b + c > n) throw new RangeError(`b + c (${b + c}) cannot exceed the ${n} paired calls`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  }
  if (n === 0) return { estimate: null, interval: null };
  const estimate = (c - b) / n;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const statistic = (delta: number) => tangoStatistic(b, c, n, delta);
  const lower = bisectDecreasing(statistic, z, -1, estimate);
  const upper = bisectDecreasing(statistic, -z, estimate, 1);
  return { estimate, interval: [lower, upper] };
}

// Per-field metrics and the small statistics reports need.
import type { FieldMetrics } from "../core/types.js";
import type { FieldOutcome } from "./score.js";

/**
 * Wilson score interval for a proportion: unlike the normal approximation it
 * stays inside [0, 1] and is sensible at 0/n and n/n, which small eval sets hit.
 * With n = 0 there is no information, so the whole range comes back; callers
 * report `null` instead.
 */
export function wilson(successes: number, n: number, z = 1.959964): [number, number] {
  if (n <= 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 and n the bounds are exactly 0 and 1; say so rather than print 0.9999999999999999.
  return [successes <= 0 ? 0 : Math.max(0, centre - half), successes >= n ? 1 : Math.min(1, centre + half)];
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Accuracy over all outcomes; precision and recall over values. A `wrong`
 * value is a false positive and a false negative at once; an invalid output
 * misses the gold value (a false negative) but asserted nothing. F1 is 0 when
 * precision and recall are both 0, and null when either is undefined. An
 * `unreadable` value is in none of them: it is counted apart, for review.
 */
export function fieldMetrics(outcomes: FieldOutcome[]): FieldMetrics {
  const counts = noOutcomes();
  for (const o of outcomes) addOutcome(counts, o.outcome, o.correct, o.gold.kind === "none", 1);
  return fieldMetricsFromCounts(counts);
}

/** What `fieldMetrics` reads of its outcomes, so a store can count them without loading each one. */
export interface OutcomeCounts {
  tp: number;
  fp: number;
  fn: number;
  wrong: number;
  invalidWithGold: number;
  n: number;
  correct: number;
  /** Values the field's matcher could not read; in no metric, and not in `n`. */
  unreadable: number;
}

export function noOutcomes(): OutcomeCounts {
  return { tp: 0, fp: 0, fn: 0, wrong: 0, invalidWithGold: 0, n: 0, correct: 0, unreadable: 0 };
}

/** Adds `times` outcomes of one kind to `counts`. */
export function addOutcome(
  counts: OutcomeCounts,
  outcome: string,
  correct: boolean,
  goldNone: boolean,
  times: number,
): void {
  if (outcome === "unreadable") {
    counts.unreadable += times;
    return;
  }
  if (outcome === "tp" || outcome === "fp" || outcome === "fn" || outcome === "wrong")
    counts[outcome] += times;
  if (outcome === "invalid" && !goldNone) counts.invalidWithGold += times;
  if (correct) counts.correct += times;
  counts.n += times;
}

export function fieldMetricsFromCounts({
  tp,
  fp,
  fn,
  wrong,
  invalidWithGold,
  n,
  correct,
  unreadable,
}: OutcomeCounts): FieldMetrics {
  const precision = ratio(tp, tp + fp + wrong);
  const recall = ratio(tp, tp + fn + wrong + invalidWithGold);
  let f1: number | null = null;
  if (precision !== null && recall !== null) {
    f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return {
    accuracy: ratio(correct, n),
    ci95: n === 0 ? null : wilson(correct, n),
    precision,
    recall,
    f1,
    n,
    correct,
    // Only when there are some, so summaries of runs without any read as before.
    ...(unreadable > 0 ? { unreadable } : {}),
  };
}

/**
 * The p-th percentile (p in 0..100) of ascending `sorted` values, by linear
 * interpolation between closest ranks (numpy's default, Excel's PERCENTILE.INC),
 * so p50 of an even-length list is the midpoint. Null for an empty list.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const below = sorted[lower] ?? 0;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)] ?? below;
  return below + (above - below) * (rank - lower);
}

/** Arithmetic mean; null for an empty list. */
export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((total, value) => total + value, 0) / values.length;
}

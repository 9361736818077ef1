// Percentiles and an even sample of values that arrive in ascending order (a store's ORDER BY), read once
// and never held: latency figures of a 100,000-call run cost a few numbers, not the run's latencies.

/** A distribution as report.html draws it: exact percentiles, and at most `dots` values evenly spread. */
export interface Distribution {
  n: number;
  min: number | null;
  p5: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p95: number | null;
  max: number | null;
  /** Every `step`-th value in ascending order, starting with the first. */
  sample: number[];
  step: number;
}

/**
 * The p-th percentiles (0..100) of `n` ascending values, interpolated linearly between closest ranks exactly
 * as `percentile` does over a sorted array, and every `step`-th value for a sample of at most `sampleSize`.
 */
export function fromSorted(
  ascending: Iterable<number>,
  n: number,
  ps: readonly number[],
  sampleSize = 0,
): { percentiles: (number | null)[]; sample: number[]; step: number } {
  const ranks = ps.map((p) => (p / 100) * (n - 1));
  const wanted = new Map<number, number>();
  for (const rank of ranks) {
    wanted.set(Math.floor(rank), Number.NaN);
    wanted.set(Math.min(Math.floor(rank) + 1, n - 1), Number.NaN);
  }
  const step = sampleSize > 0 ? Math.max(1, Math.ceil(n / sampleSize)) : 0;
  const sample: number[] = [];
  let i = 0;
  for (const value of ascending) {
    if (i >= n) break;
    if (wanted.has(i)) wanted.set(i, value);
    if (step > 0 && i % step === 0) sample.push(value);
    i++;
  }
  const percentiles = ranks.map((rank) => {
    if (n === 0 || i === 0) return null;
    const lower = Math.floor(rank);
    const below = wanted.get(lower) ?? Number.NaN;
    const above = wanted.get(Math.min(lower + 1, n - 1)) ?? below;
    return below + (above - below) * (rank - lower);
  });
  return { percentiles, sample, step: Math.max(step, 1) };
}

/** A Distribution of ascending values: see fromSorted. */
export function distribution(ascending: Iterable<number>, n: number, sampleSize: number): Distribution {
  const { percentiles, sample, step } = fromSorted(ascending, n, [0, 5, 25, 50, 75, 95, 100], sampleSize);
  const [min, p5, p25, p50, p75, p95, max] = percentiles;
  return {
    n,
    min: min ?? null,
    p5: p5 ?? null,
    p25: p25 ?? null,
    p50: p50 ?? null,
    p75: p75 ?? null,
    p95: p95 ?? null,
    max: max ?? null,
    sample,
    step,
  };
}

// Exact binomial tail probabilities and McNemar's exact test built on them.

const LN_2PI = Math.log(2 * Math.PI);
const HALF_LN_2PI = 0.5 * LN_2PI;

/** log(k!) for small k, exact to rounding: k! is exact in a double up to 22!. */
function logFactorialSmall(k: number): number {
  let factorial = 1;
  for (let i = 2; i <= k; i++) factorial *= i;
  return Math.log(factorial);
}

/**
 * Stirling's error, log(k!) − [(k + ½)·log(k) − k + ½·log(2π)], as in Loader (2000),
 * "Fast and accurate computation of binomial probabilities". Computing the binomial
 * pmf from this and `deviance` keeps full relative precision for any n, where
 * log-factorial differences would cancel ~6 digits away at n = 100,000.
 */
function stirlingError(k: number): number {
  if (k <= 15) return logFactorialSmall(k) - (k + 0.5) * Math.log(k) + k - HALF_LN_2PI;
  const k2 = k * k;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  // The next term, 691/360360/k^11, is below 1e-16 once k > 15.
  return (s0 - (s1 - (s2 - (s3 - s4 / k2) / k2) / k2) / k2) / k;
}

/** x·log(x/m) + m − x without cancellation when x ≈ m (Loader's bd0). */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      term *= v2;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/** P(X = k) for X ~ Binomial(n, p), to full double precision (underflows to 0 below ~1e-308). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  const q = 1 - p;
  if (p === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  // At the ends the pmf is q^n or p^n; pow rounds once, exp(n·log q) would carry n·log q's error.
  if (k === 0) return p < 0.1 ? Math.exp(n * Math.log1p(-p)) : q ** n;
  if (k === n) return q < 0.1 ? Math.exp(n * Math.log1p(-q)) : p ** n;
  const logCore =
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, n * p) - deviance(n - k, n * q);
  const logScale = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(logCore - 0.5 * logScale);
}

/**
 * P(X ≤ k) for X ~ Binomial(n, ½) with k ≤ n/2: the largest term, P(X = k), comes
 * from `binomialPmf`, and the smaller ones below it by the exact ratio
 * P(X = i − 1) / P(X = i) = i / (n − i + 1), stopping once they no longer change
 * the sum. No factorials, so nothing overflows at n = 100,000.
 */
function lowerTailHalf(k: number, n: number): number {
  let term = binomialPmf(k, n, 0.5);
  let sum = term;
  for (let i = k; i > 0; i--) {
    term *= i / (n - i + 1);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return sum;
}

/**
 * Which change a test looks for, in the candidate − baseline direction: "two-sided" any change, "less" a drop
 * (the candidate lower), "greater" a rise. SciPy's `alternative` argument, with the same words.
 */
export type Alternative = "two-sided" | "less" | "greater";

export interface McNemarResult {
  /** Exact p-value against "no change", for the alternative asked (two-sided by default). */
  pValue: number;
  /** Right → wrong: the baseline was right and the candidate wrong. */
  b: number;
  /** Wrong → right: the baseline was wrong and the candidate right. */
  c: number;
}

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer count, got ${value}`);
  }
}

/** P(X ≥ k) for X ~ Binomial(n, ½), k ≤ n: the smaller tail directly, the larger as one minus the other. */
function upperTailHalf(k: number, n: number): number {
  if (k <= 0) return 1;
  // P(X ≥ k) = P(X ≤ n − k) by symmetry, a tail below the median when k > n/2.
  if (2 * k > n) return lowerTailHalf(n - k, n);
  return 1 - lowerTailHalf(k - 1, n);
}

/**
 * McNemar's exact (conditional) test on paired right/wrong outcomes: given
 * n = b + c discordant pairs, b is Binomial(n, ½) under "no change". Two-sided:
 * p = min(1, 2·P(X ≤ min(b, c))) — statsmodels' `mcnemar(exact=True)` and SciPy's
 * `binomtest(min, n, 0.5)`. "less" (a drop: more right → wrong than wrong → right):
 * p = P(X ≥ b), SciPy's `binomtest(b, n, 0.5, alternative="greater")`; "greater": P(X ≥ c).
 * A one-sided p holds its level for the whole one-sided null (no drop, or a rise), since
 * b is then Binomial(n, π) with π ≤ ½. Concordant pairs carry no information about the
 * change, so they are not arguments. n = 0 (no discordant calls) gives p = 1.
 */
export function mcnemarExact(b: number, c: number, alternative: Alternative = "two-sided"): McNemarResult {
  assertCount("b", b);
  assertCount("c", c);
  const n = b + c;
  if (alternative === "less") return { pValue: upperTailHalf(b, n), b, c };
  if (alternative === "greater") return { pValue: upperTailHalf(c, n), b, c };
  // |b − c| ≤ 1 puts min(b, c) at the median, where P(X ≤ min) ≥ ½ exactly (by symmetry);
  // answering 1 directly avoids a summed 0.999999999999996.
  if (Math.abs(b - c) <= 1) return { pValue: 1, b, c };
  const pValue = Math.min(1, 2 * lowerTailHalf(Math.min(b, c), n));
  return { pValue, b, c };
}

import { describe, expect, it } from "vitest";
import { mcnemarExact, pairedDifferenceInterval } from "../../../src/gate/stats/index.js";

/*
 * Reference: an independent Tango interval in SciPy 1.10.1, which finds the constrained
 * maximum-likelihood estimate by numerical maximisation (not the closed-form root the
 * code uses) and the limits with brentq. Saved as tango.py and run as
 * `/usr/bin/python3 tango.py B C N [CONFIDENCE]`:
 *
 *   import math, sys
 *   from scipy.optimize import minimize_scalar, brentq
 *   from scipy.stats import norm
 *   def tango(b, c, n, conf=0.95):
 *       z = norm.ppf(1 - (1 - conf) / 2)
 *       def stat(d):
 *           lo, hi = max(0.0, -d), (1 - d) / 2
 *           def nll(x):
 *               t = 0.0
 *               if c: t += c * math.log(x + d)
 *               if b: t += b * math.log(x)
 *               if n - b - c: t += (n - b - c) * math.log(1 - 2 * x - d)
 *               return -t
 *           x = minimize_scalar(nll, bounds=(lo, hi), method='bounded', options={'xatol': 1e-15}).x
 *           return (c - b - n * d) / math.sqrt(n * (2 * x + d * (1 - d)))
 *       est = (c - b) / n
 *       L = -1.0 if est == -1 else brentq(lambda d: stat(d) - z, -1 + 1e-12, est - 1e-12, xtol=1e-14)
 *       U = 1.0 if est == 1 else brentq(lambda d: stat(d) + z, est + 1e-12, 1 - 1e-12, xtol=1e-14)
 *       return L, U
 *   b, c, n = map(int, sys.argv[1:4]); conf = float(sys.argv[4]) if len(sys.argv) > 4 else 0.95
 *   print(repr(tango(b, c, n, conf)))
 *
 * The numerical optimiser limits the reference to about 1e-8, so limits are compared to 1e-6.
 */
describe("interval for a paired change in accuracy (Tango's score interval)", () => {
  it("reproduces the published Cavo et al. (2012) example: −0.0621 (−0.1240 to −0.0054)", () => {
    // Fagerland, Lydersen & Laake, "Statistical Analysis of Contingency Tables" (2017), ch. 8;
    // R package contingencytables, tests/testthat/test-ch8.R:
    //   Tango_asymptotic_score_CI_paired_2x2(cavo_2012) → "estimate = -0.0621 (95% CI -0.1240 to -0.0054)".
    // Table (59, 6 | 16, 80): 6 pairs improved (c), 16 got worse (b), 161 in all.
    const { estimate, interval } = pairedDifferenceInterval(16, 6, 161);
    expect(estimate).toBeCloseTo(-0.0621, 4);
    expect(interval?.[0]).toBeCloseTo(-0.124, 4);
    expect(interval?.[1]).toBeCloseTo(-0.0054, 4);
  });

  it.each([
    // /usr/bin/python3 tango.py 16 6 161
    { b: 16, c: 6, n: 161, confidence: 0.95, expected: [-0.12402343245842565, -0.00543339528719516] },
    // /usr/bin/python3 tango.py 16 6 161 0.9
    { b: 16, c: 6, n: 161, confidence: 0.9, expected: [-0.1131260530502457, -0.015058363601596752] },
    // /usr/bin/python3 tango.py 0 0 10
    { b: 0, c: 0, n: 10, confidence: 0.95, expected: [-0.2775328132373233, 0.27753279986289026] },
    // /usr/bin/python3 tango.py 10 0 10
    { b: 10, c: 0, n: 10, confidence: 0.95, expected: [-1, -0.444934411322092] },
    // /usr/bin/python3 tango.py 0 10 10
    { b: 0, c: 10, n: 10, confidence: 0.95, expected: [0.44493440447077315, 1] },
    // /usr/bin/python3 tango.py 7 1 21
    { b: 7, c: 1, n: 21, confidence: 0.95, expected: [-0.5172322772711966, -0.0260030349808488] },
    // /usr/bin/python3 tango.py 20 40 160
    { b: 20, c: 40, n: 160, confidence: 0.95, expected: [0.030864532588107993, 0.21806424418631995] },
    // /usr/bin/python3 tango.py 12 3 500
    { b: 12, c: 3, n: 500, confidence: 0.95, expected: [-0.036233723393008496, -0.003241635541810035] },
    // /usr/bin/python3 tango.py 5 5 50
    { b: 5, c: 5, n: 50, confidence: 0.95, expected: [-0.13543228369447902, 0.13543228393978227] },
    // /usr/bin/python3 tango.py 520 450 20000
    { b: 520, c: 450, n: 20000, confidence: 0.95, expected: [-0.006563077924486, -0.00044871552140389286] },
  ])("b = $b, c = $c, n = $n at $confidence matches SciPy", ({ b, c, n, confidence, expected }) => {
    const { estimate, interval } = pairedDifferenceInterval(b, c, n, confidence);
    expect(estimate).toBe((c - b) / n);
    expect(interval).not.toBeNull();
    const [lower, upper] = interval ?? [Number.NaN, Number.NaN];
    expect(Math.abs(lower - (expected[0] ?? Number.NaN))).toBeLessThan(1e-6);
    expect(Math.abs(upper - (expected[1] ?? Number.NaN))).toBeLessThan(1e-6);
  });

  it("no change on few calls is an interval around 0, not a point", () => {
    const { interval } = pairedDifferenceInterval(0, 0, 10);
    expect(interval?.[0]).toBeLessThan(-0.2);
    expect(interval?.[1]).toBeGreaterThan(0.2);
  });

  it("stays inside [−1, 1] and contains the estimate", () => {
    for (const [b, c, n] of [
      [0, 1, 1],
      [1, 0, 1],
      [3, 0, 3],
      [0, 5, 8],
      [2, 9, 11],
      [100, 0, 10_000],
      [40_000, 60_000, 100_000],
    ] as const) {
      const { estimate, interval } = pairedDifferenceInterval(b, c, n);
      const [lower, upper] = interval ?? [Number.NaN, Number.NaN];
      expect(lower).toBeGreaterThanOrEqual(-1);
      expect(upper).toBeLessThanOrEqual(1);
      expect(lower).toBeLessThanOrEqual(estimate ?? Number.NaN);
      expect(upper).toBeGreaterThanOrEqual(estimate ?? Number.NaN);
    }
  });

  it("excludes 0 exactly when McNemar's score statistic |c − b|/√(b + c) exceeds 1.96", () => {
    for (const [b, c] of [
      [16, 6],
      [6, 16],
      [10, 20],
      [9, 20],
      [0, 4],
      [0, 3],
    ] as const) {
      const [lower, upper] = pairedDifferenceInterval(b, c, 200).interval ?? [0, 0];
      const excludesZero = lower > 0 || upper < 0;
      expect(excludesZero).toBe(Math.abs(c - b) / Math.sqrt(b + c) > 1.959963984540054);
    }
    // The exact test is more conservative, but agrees on a clear case.
    expect(mcnemarExact(0, 10).pValue).toBeLessThan(0.05);
    expect(pairedDifferenceInterval(0, 10, 200).interval?.[0]).toBeGreaterThan(0);
  });

  it("narrows as the same proportions are seen on more calls, like 1/√n", () => {
    const width = (scale: number) => {
      const [lower, upper] = pairedDifferenceInterval(3 * scale, 1 * scale, 100 * scale).interval ?? [0, 0];
      return upper - lower;
    };
    expect(width(100) / width(400)).toBeCloseTo(2, 1);
  });

  it("has nothing to say about zero calls, and rejects impossible tables", () => {
    expect(pairedDifferenceInterval(0, 0, 0)).toEqual({ estimate: null, interval: null });
    expect(() => pairedDifferenceInterval(5, 6, 10)).toThrow(/cannot exceed/);
    expect(() => pairedDifferenceInterval(1, 1, 10, 1)).toThrow(RangeError);
    expect(() => pairedDifferenceInterval(0.5, 1, 10)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { binomialPmf, mcnemarExact } from "../../../src/gate/stats/index.js";

function expectRelative(actual: number, expected: number, tolerance = 1e-10): void {
  expect(Number.isFinite(actual)).toBe(true);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

// Reference values: Debian's statsmodels 0.13.5 / SciPy 1.10.1 (system python), and for
// n = 100,000 exact rational arithmetic in Python, which has no rounding at all.
describe("McNemar's exact test", () => {
  it.each([
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar; print(mcnemar([[100,0],[10,100]], exact=True).pvalue)"
    { b: 0, c: 10, expected: 0.001953125 },
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar; print(mcnemar([[100,10],[0,100]], exact=True).pvalue)"
    { b: 10, c: 0, expected: 0.001953125 },
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar; print(mcnemar([[100,3],[12,100]], exact=True).pvalue)"
    { b: 3, c: 12, expected: 0.03515625 },
    // Cavo et al. (2012), also in R contingencytables' McNemar_exact_cond_test_paired_2x2: P = 0.052479.
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar; print(mcnemar([[59,16],[6,80]], exact=True).pvalue)"
    { b: 16, c: 6, expected: 0.052478790283203125 },
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar; print(mcnemar([[100,40],[20,100]], exact=True).pvalue)"
    { b: 40, c: 20, expected: 0.01348929373119186 },
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar; print(mcnemar([[100,450],[520,100]], exact=True).pvalue)"
    { b: 450, c: 520, expected: 0.026677702766761027 },
    // /usr/bin/python3 -c "from scipy.stats import binomtest; print(binomtest(4, 204, 0.5).pvalue)"
    { b: 4, c: 200, expected: 5.5597870010725e-54 },
  ])("b = $b, c = $c matches statsmodels: p = $expected", ({ b, c, expected }) => {
    const result = mcnemarExact(b, c);
    expectRelative(result.pValue, expected);
    expect(result).toMatchObject({ b, c });
  });

  it("b = 0, c = 10 matches SciPy's binomtest", () => {
    // /usr/bin/python3 -c "from scipy.stats import binomtest; print(binomtest(0, 10, 0.5).pvalue)"  → 0.001953125 (= 2/2^10)
    expect(mcnemarExact(0, 10).pValue).toBe(0.001953125);
  });

  it.each([
    [0, 0],
    [1, 1],
    [5, 5],
    [1, 0],
    [7, 8],
    [50_000, 50_000],
    [49_999, 50_000],
  ])("b = %i, c = %i is no evidence of a change: p = 1", (b, c) => {
    // b = c puts min(b, c) at the median, and |b − c| = 1 makes P(X ≤ min) exactly ½.
    expect(mcnemarExact(b, c).pValue).toBe(1);
  });

  it("is symmetric in b and c", () => {
    for (const [b, c] of [
      [3, 12],
      [17, 40],
      [900, 1100],
    ] as const) {
      expect(mcnemarExact(b, c).pValue).toBe(mcnemarExact(c, b).pValue);
    }
  });

  it.each([
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar; print(mcnemar([[0,49990],[50010,0]], exact=True).pvalue)"
    { b: 49_990, c: 50_010, expected: 0.952089349813629 },
    // Exact: /usr/bin/python3 -c "
    //   from fractions import Fraction
    //   n=100000; k=49800; c=1; s=1
    //   for i in range(1,k+1): c=c*(n-i+1)//i; s+=c
    //   print(float(Fraction(2*s, 2**n)))"   (k = 49000 and 48500 likewise)
    { b: 49_800, c: 50_200, expected: 0.20703897176422484 },
    { b: 49_000, c: 51_000, expected: 2.588716038346898e-10 },
    { b: 48_500, c: 51_500, expected: 2.4384264313434573e-21 },
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar; print(mcnemar([[0,47000],[53000,0]], exact=True).pvalue)"
    { b: 47_000, c: 53_000, expected: 2.683937378144721e-80 },
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar; print(mcnemar([[0,45000],[55000,0]], exact=True).pvalue)"
    { b: 45_000, c: 55_000, expected: 8.600341645712794e-220 },
  ])("stays exact at n = 100,000 (b = $b, c = $c)", ({ b, c, expected }) => {
    expectRelative(mcnemarExact(b, c).pValue, expected);
  });

  it("never returns NaN for any split of up to 100,000 discordant calls", () => {
    for (const n of [1, 2, 3, 99, 1000, 100_000]) {
      for (let b = 0; b <= n; b += Math.max(1, Math.floor(n / 97))) {
        const { pValue } = mcnemarExact(b, n - b);
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
      }
    }
    // /usr/bin/python3 -c "from scipy.stats import binomtest; print(binomtest(30000, 100000, 0.5).pvalue)"  → 0.0 (underflow)
    expect(mcnemarExact(30_000, 70_000).pValue).toBe(0);
  });

  it.each([
    // Exact: /usr/bin/python3 -c "from fractions import Fraction as F; from math import comb
    //   up = lambda k, n: float(F(sum(comb(n, i) for i in range(k, n + 1)), 2**n)); print(up(B, B + C))"
    { b: 12, c: 3, expected: 0.017578125 },
    { b: 16, c: 6, expected: 0.026239395141601562 },
    { b: 40, c: 20, expected: 0.00674464686559593 },
    { b: 6, c: 16, expected: 0.9915497303009033 },
    { b: 5, c: 5, expected: 0.623046875 },
    { b: 520, c: 450, expected: 0.013338851383380618 },
    { b: 200, c: 4, expected: 2.77989350053625e-54 },
  ])("one-sided for a drop (b = $b, c = $c): P(X ≥ b | b + c, ½) = $expected", ({ b, c, expected }) => {
    expectRelative(mcnemarExact(b, c, "less").pValue, expected);
    // A rise is the mirror image.
    expectRelative(mcnemarExact(c, b, "greater").pValue, expected);
  });

  it("one-sided is half the two-sided p in the direction of the change, and at least ½ against it", () => {
    for (const [b, c] of [
      [12, 3],
      [40, 20],
      [900, 1100],
    ] as const) {
      const [more, fewer] = b > c ? [b, c] : [c, b];
      expectRelative(mcnemarExact(more, fewer, "less").pValue, mcnemarExact(b, c).pValue / 2, 1e-12);
      expect(mcnemarExact(fewer, more, "less").pValue).toBeGreaterThan(0.5);
    }
    expect(mcnemarExact(0, 10, "less").pValue).toBe(1);
    expect(mcnemarExact(0, 0, "less").pValue).toBe(1);
    expect(mcnemarExact(1, 0, "less").pValue).toBe(0.5);
  });

  it("no discordant calls give p = 1", () => {
    expect(mcnemarExact(0, 0)).toEqual({ pValue: 1, b: 0, c: 0 });
  });

  it("rejects counts that are negative or not whole", () => {
    expect(() => mcnemarExact(-1, 3)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 3)).toThrow(/non-negative integer/);
  });
});

describe("binomial probabilities", () => {
  it.each([
    // /usr/bin/python3 -c "from scipy.stats import binom; print(binom.pmf(3, 10, 0.5))"
    { k: 3, n: 10, p: 0.5, expected: 0.1171875 },
    // /usr/bin/python3 -c "from fractions import Fraction; from math import comb; print(float(Fraction(comb(100000,50000), 2**100000)))"
    { k: 50_000, n: 100_000, p: 0.5, expected: 0.00252312621419674 },
    // /usr/bin/python3 -c "from scipy.stats import binom; print(binom.pmf(0, 1000, 0.5))"
    { k: 0, n: 1000, p: 0.5, expected: 9.332636185032189e-302 },
    // /usr/bin/python3 -c "from scipy.stats import binom; print(binom.pmf(7, 20, 0.3))"
    { k: 7, n: 20, p: 0.3, expected: 0.16426198521723662 },
    // /usr/bin/python3 -c "from scipy.stats import binom; print(binom.pmf(12345, 100000, 0.1))"
    { k: 12_345, n: 100_000, p: 0.1, expected: 1.4529803321568417e-127 },
  ])("P(X = $k) for Binomial($n, $p) matches SciPy", ({ k, n, p, expected }) => {
    expectRelative(binomialPmf(k, n, p), expected);
  });

  it("is 0 outside 0..n", () => {
    expect(binomialPmf(-1, 5, 0.5)).toBe(0);
    expect(binomialPmf(6, 5, 0.5)).toBe(0);
  });
});

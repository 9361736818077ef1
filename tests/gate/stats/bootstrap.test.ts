import { describe, expect, it } from "vitest";
import { bootstrapMeanDifference, seededRandom } from "../../../src/gate/stats/index.js";

/*
 * Reference: the same resampling in plain Python (mulberry32 ported bit for bit, index =
 * floor(u · n)), then NumPy 1.24's np.percentile (linear interpolation) of the means.
 * Saved as boot.py and run as `/usr/bin/python3 boot.py DIFFS RESAMPLES SEED`:
 *
 *   import sys, numpy as np
 *   def mulberry32(seed):
 *       s = seed & 0xFFFFFFFF
 *       def nxt():
 *           nonlocal s
 *           s = (s + 0x6D2B79F5) & 0xFFFFFFFF
 *           t = s
 *           t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
 *           t = (t ^ (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF))) & 0xFFFFFFFF
 *           return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
 *       return nxt
 *   diffs = [float(x) for x in sys.argv[1].split(',')]; B = int(sys.argv[2]); seed = int(sys.argv[3])
 *   r = mulberry32(seed); n = len(diffs)
 *   stats = np.array([sum(diffs[int(r() * n)] for _ in range(n)) / n for _ in range(B)])
 *   print(list(np.percentile(stats, [2.5, 97.5])), min(1.0, 2 * min(np.mean(stats <= 0), np.mean(stats >= 0))))
 */
describe("seeded random numbers", () => {
  it("mulberry32 gives the same sequence as an independent Python port", () => {
    // /usr/bin/python3 -c "exec(open('boot.py').read().split('diffs =')[0]); r=mulberry32(1); print([r() for _ in range(3)])"
    const one = seededRandom(1);
    expect([one(), one(), one()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    // Same with mulberry32(42).
    const fortyTwo = seededRandom(42);
    expect([fortyTwo(), fortyTwo(), fortyTwo()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
  });

  it("stays in [0, 1) with mean ½", () => {
    const random = seededRandom(2024);
    let total = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = random();
      expect(u >= 0 && u < 1).toBe(true);
      total += u;
    }
    expect(total / 100_000).toBeCloseTo(0.5, 2);
  });
});

function symmetricSample(n: number, centre: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => centre + (random() - 0.5));
}

function width(interval: [number, number] | null): number {
  if (interval === null) throw new Error("expected an interval");
  return interval[1] - interval[0];
}

describe("paired bootstrap of a mean difference", () => {
  it.each([
    // /usr/bin/python3 boot.py "1,0,0,-1,1,1,0,0.5,-0.5,1" 200 1  →  [-0.1, 0.65] 0.17
    { diffs: [1, 0, 0, -1, 1, 1, 0, 0.5, -0.5, 1], resamples: 200, seed: 1, interval: [-0.1, 0.65], p: 0.17 },
    // /usr/bin/python3 boot.py "0.25,-0.5,0,0,0.75,0.1,-0.2,0.3" 500 7  →  [-0.13125, 0.34078124999999987] 0.464
    {
      diffs: [0.25, -0.5, 0, 0, 0.75, 0.1, -0.2, 0.3],
      resamples: 500,
      seed: 7,
      interval: [-0.13125, 0.34078124999999987],
      p: 0.464,
    },
  ])(
    "matches NumPy on the same resamples ($resamples, seed $seed)",
    ({ diffs, resamples, seed, interval, p }) => {
      const result = bootstrapMeanDifference(Float64Array.from(diffs), { resamples, seed });
      expect(result.interval?.[0]).toBeCloseTo(interval[0] ?? Number.NaN, 12);
      expect(result.interval?.[1]).toBeCloseTo(interval[1] ?? Number.NaN, 12);
      expect(result.pValue).toBeCloseTo(p, 12);
      expect(result.resamples).toBe(resamples);
    },
  );

  it("identical differences give a degenerate interval", () => {
    const zeros = bootstrapMeanDifference(new Float64Array(50));
    expect(zeros).toEqual({ estimate: 0, interval: [0, 0], pValue: 1, resamples: 2000 });
    const shift = bootstrapMeanDifference(new Float64Array(50).fill(0.25));
    expect(shift.interval).toEqual([0.25, 0.25]);
    expect(shift.pValue).toBe(0);
  });

  it("the interval of a symmetric sample contains its true mean, and a clear shift has p ≈ 0", () => {
    const sample = symmetricSample(2000, 0.1, 11);
    const result = bootstrapMeanDifference(sample, { seed: 3 });
    const [lower, upper] = result.interval ?? [Number.NaN, Number.NaN];
    expect(lower).toBeLessThan(0.1);
    expect(upper).toBeGreaterThan(0.1);
    expect(result.pValue).toBe(0);
    const noise = bootstrapMeanDifference(symmetricSample(2000, 0, 11), { seed: 3 });
    expect(noise.pValue).toBeGreaterThan(0.05);
  });

  it("is about as wide as the normal theory says, and narrows like 1/√n", () => {
    // Uniform(−½, ½) has sd 1/√12, so the 95% interval of a mean of n is about 2 · 1.96 / √(12n) wide.
    const small = width(bootstrapMeanDifference(symmetricSample(500, 0, 5)).interval);
    const large = width(bootstrapMeanDifference(symmetricSample(2000, 0, 6)).interval);
    expect(small / large).toBeGreaterThan(1.8);
    expect(small / large).toBeLessThan(2.2);
    expect(large / ((2 * 1.96) / Math.sqrt(12 * 2000))).toBeCloseTo(1, 1);
  });

  it("gives the same answer for the same seed, and a different draw for another", () => {
    const sample = symmetricSample(300, 0.02, 9);
    expect(bootstrapMeanDifference(sample, { seed: 5 })).toEqual(
      bootstrapMeanDifference(sample, { seed: 5 }),
    );
    expect(bootstrapMeanDifference(sample, { seed: 6 }).interval).not.toEqual(
      bootstrapMeanDifference(sample, { seed: 5 }).interval,
    );
  });

  it("a narrower confidence gives a narrower interval", () => {
    const sample = symmetricSample(300, 0, 4);
    const ninety = width(bootstrapMeanDifference(sample, { confidence: 0.9 }).interval);
    expect(ninety).toBeLessThan(width(bootstrapMeanDifference(sample).interval));
  });

  it("handles 20,000 calls × 2,000 resamples (its speed is measured by npm run bench)", () => {
    const sample = symmetricSample(20_000, 0, 1);
    const result = bootstrapMeanDifference(sample);
    expect(result.resamples).toBe(2000);
  });

  it("tests against another value: an increase of 0.25 on data shifted by 0.25 is the same test as 0", () => {
    const diffs = Float64Array.from([0.113, 0.427, 0.291, -0.188, 0.534, 0.352, 0.219, 0.605]);
    const shifted = Float64Array.from(diffs, (d) => d - 0.25);
    const against = bootstrapMeanDifference(diffs, { resamples: 400, nullValue: 0.25 });
    const plain = bootstrapMeanDifference(shifted, { resamples: 400 });
    expect(against.pValue).toBe(plain.pValue);
    expect(against.interval?.[0]).toBeCloseTo((plain.interval?.[0] ?? 0) + 0.25, 12);
    expect(against.pValue).toBeGreaterThan(0.05);
    expect(bootstrapMeanDifference(diffs, { resamples: 400, nullValue: 2 }).pValue).toBe(0);
    expect(() => bootstrapMeanDifference(diffs, { nullValue: Number.NaN })).toThrow(/nullValue/);
  });

  it("one-sided: the share of resamples on the null side, half the two-sided p on the side the data lean", () => {
    const diffs = Float64Array.from([-0.4, -0.1, -0.3, 0.2, -0.5, -0.2, 0.1, -0.35, -0.15, 0.05]);
    const two = bootstrapMeanDifference(diffs, { resamples: 1000 });
    const less = bootstrapMeanDifference(diffs, { resamples: 1000, alternative: "less" });
    const greater = bootstrapMeanDifference(diffs, { resamples: 1000, alternative: "greater" });
    expect(less.pValue).toBeCloseTo((two.pValue ?? 0) / 2, 12);
    expect(greater.pValue).toBeGreaterThan(0.9);
    expect(less.interval).toEqual(two.interval);
  });

  it("has nothing to say about no calls, and refuses missing values", () => {
    expect(bootstrapMeanDifference(new Float64Array(0))).toEqual({
      estimate: null,
      interval: null,
      pValue: null,
      resamples: 0,
    });
    expect(() => bootstrapMeanDifference(Float64Array.from([0.1, Number.NaN]))).toThrow(/diffs\[1\]/);
    expect(() => bootstrapMeanDifference(new Float64Array(3), { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapMeanDifference(new Float64Array(3), { confidence: 95 })).toThrow(RangeError);
  });
});

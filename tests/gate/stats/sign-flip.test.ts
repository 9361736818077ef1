// The overall-accuracy check's p-value: a sign-flip test of the per-call changes, exact where the bootstrap's
// percentile p-value is several times too small.
import { describe, expect, it } from "vitest";
import { bootstrapMeanDifference, seededRandom, signFlipMeanTest } from "../../../src/gate/stats/index.js";

const values = (...groups: [number, number][]) =>
  Float64Array.from(groups.flatMap(([value, count]) => Array.from({ length: count }, () => value)));

describe("the sign-flip test of a mean change", () => {
  it("on changes of −1, 0 and +1 is the exact sign test, to Monte Carlo error", () => {
    // 9 calls worse, 2 better, 19 unchanged:
    // /usr/bin/python3 -c "from fractions import Fraction as F; from math import comb; print(float(F(sum(comb(11, i) for i in range(9, 12)), 2**11)))"
    //   → 0.03271484375; 20,000 flips leave a standard error of 0.0013.
    const { pValue } = signFlipMeanTest(values([-1, 9], [1, 2], [0, 19]), {
      resamples: 20_000,
      alternative: "less",
    });
    expect(Math.abs((pValue ?? 0) - 0.03271484375)).toBeLessThan(0.005);
  });

  it("on changes of several sizes matches the exact count over every sign", () => {
    // /usr/bin/python3 -c "import itertools; v=[-0.5]*6+[0.5]+[-1]*2; o=sum(v)
    //   print(sum(sum(a*b for a,b in zip(s,v)) <= o for s in itertools.product([1,-1], repeat=len(v))) / 2**len(v))"
    //   → 0.015625
    const { pValue } = signFlipMeanTest(values([-0.5, 6], [0.5, 1], [-1, 2], [0, 30]), {
      resamples: 20_000,
      alternative: "less",
    });
    expect(Math.abs((pValue ?? 0) - 0.015625)).toBeLessThan(0.004);
  });

  it("where most calls did not change, the bootstrap's tail is several times too thin; sign flips are not", () => {
    // Six calls worse, none better, 114 unchanged: the exact sign test gives 1/64 = 0.0156; the bootstrap
    // draws no worse call with chance (114/120)^120 ≈ e^−6 ≈ 0.0025, which a level of 0.05/6 would reject.
    const diffs = values([-1, 6], [0, 114]);
    const flip = signFlipMeanTest(diffs, { resamples: 20_000, alternative: "less" }).pValue ?? 0;
    const bootstrap = bootstrapMeanDifference(diffs, { resamples: 20_000, alternative: "less" }).pValue ?? 1;
    expect(Math.abs(flip - 1 / 64)).toBeLessThan(0.004);
    expect(bootstrap).toBeLessThan(0.05 / 6);
    expect(flip).toBeGreaterThan(0.05 / 6);
  });

  it("keeps its level on symmetric noise: rejects about 5% at α = 0.05, never far more", () => {
    const random = seededRandom(7);
    let rejected = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const diffs = Float64Array.from({ length: 40 }, () => {
        const u = random();
        return u < 0.15 ? -1 : u < 0.3 ? 1 : u < 0.4 ? -0.5 : u < 0.5 ? 0.5 : 0;
      });
      const { pValue } = signFlipMeanTest(diffs, { resamples: 199, seed: t + 1, alternative: "less" });
      if ((pValue ?? 1) <= 0.05) rejected++;
    }
    // 400 trials at a true 5%: 20 expected, 31 is beyond three standard errors.
    expect(rejected).toBeLessThanOrEqual(31);
    expect(rejected).toBeGreaterThan(5);
  });

  it("is never 0, mirrors between less and greater, and is the same on every run", () => {
    const worse = values([-1, 40]);
    expect(signFlipMeanTest(worse, { resamples: 199, alternative: "less" }).pValue).toBe(1 / 200);
    const mixed = values([-0.2, 13], [0.4, 3], [0, 20], [-0.6, 2]);
    const negated = Float64Array.from(mixed, (d) => -d);
    const less = signFlipMeanTest(mixed, { alternative: "less", seed: 3 });
    expect(signFlipMeanTest(negated, { alternative: "greater", seed: 3 })).toEqual(less);
    expect(signFlipMeanTest(mixed, { alternative: "less", seed: 3 })).toEqual(less);
    const two = signFlipMeanTest(mixed, { seed: 3 }).pValue ?? 0;
    expect(two).toBeCloseTo(Math.min(1, 2 * (less.pValue ?? 0)), 12);
  });

  it("has nothing to say about no calls, and refuses missing values", () => {
    expect(signFlipMeanTest(new Float64Array(0))).toEqual({ pValue: null, resamples: 0 });
    expect(() => signFlipMeanTest(Float64Array.from([0.1, Number.NaN]))).toThrow(/diffs\[1\]/);
    expect(() => signFlipMeanTest(new Float64Array(3), { resamples: 0 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { bootstrapMeanDifference, pairedBootstrap, seededRandom } from "../../../src/gate/stats/index.js";

function symmetricSample(n: number, centre: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => centre + (random() - 0.5));
}

function width(interval: [number, number] | null): number {
  if (interval === null) throw new Error("expected an interval");
  return interval[1] - interval[0];
}

describe("general paired bootstrap", () => {
  const mean = (sample: number[]) => sample.reduce((total, value) => total + value, 0) / sample.length;

  it("draws exactly the resamples the fast mean bootstrap draws", () => {
    const sample = symmetricSample(400, 0.05, 8);
    const general = pairedBootstrap(Array.from(sample), mean, { seed: 12, resamples: 300 });
    expect(general).toEqual(bootstrapMeanDifference(sample, { seed: 12, resamples: 300 }));
  });

  it("reuses one sample array rather than allocating one per resample", () => {
    const seen = new Set<number[]>();
    pairedBootstrap(
      [1, 2, 3],
      (sample) => {
        seen.add(sample);
        return mean(sample);
      },
      { resamples: 50 },
    );
    // One for the estimate (the input itself), one reused for all 50 resamples.
    expect(seen.size).toBe(2);
  });

  it("resamples whole calls, so fields that move together widen the interval", () => {
    // 200 calls × 5 fields, and within a call every field is right or wrong together.
    const random = seededRandom(21);
    const calls = Array.from({ length: 200 }, () => {
      const diff = random() < 0.5 ? 1 : random() < 0.5 ? -1 : 0;
      return { fields: [diff, diff, diff, diff, diff] };
    });
    const fieldMean = (sample: { fields: number[] }[]) => {
      let total = 0;
      let count = 0;
      for (const call of sample) {
        for (const value of call.fields) {
          total += value;
          count++;
        }
      }
      return count === 0 ? null : total / count;
    };
    const clustered = width(pairedBootstrap(calls, fieldMean).interval);
    // Treating the 1,000 fields as independent pretends there is 5× the data.
    const naive = width(
      bootstrapMeanDifference(Float64Array.from(calls.flatMap((call) => call.fields))).interval,
    );
    expect(clustered / naive).toBeGreaterThan(1.8);
  });

  it("skips resamples where the statistic is undefined", () => {
    // Only one call in ten has a value; a resample without one has no statistic.
    const calls: (number | null)[] = Array.from({ length: 10 }, (_, index) => (index === 0 ? 1 : null));
    const result = pairedBootstrap(calls, (sample) => {
      const values = sample.filter((value): value is number => value !== null);
      return values.length === 0 ? null : mean(values);
    });
    // P(no valued call in a resample) = 0.9^10 ≈ 0.35, so about 1,300 of 2,000 remain.
    expect(result.resamples).toBeGreaterThan(1100);
    expect(result.resamples).toBeLessThan(1500);
    expect(result.interval).toEqual([1, 1]);
    expect(pairedBootstrap([], () => null)).toEqual({
      estimate: null,
      interval: null,
      pValue: null,
      resamples: 0,
    });
  });
});

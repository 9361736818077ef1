import { describe, expect, it } from "vitest";
import { percentile } from "../../src/scoring/metrics.js";
import { distribution, fromSorted } from "../../src/scoring/sorted-stream.js";

describe("percentiles of values streamed in order", () => {
  it("equal percentile() over the whole sorted array, at every size and percentile", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const n of [1, 2, 3, 10, 99, 1_000]) {
      const sorted = Array.from({ length: n }, () => Math.round(rand() * 5_000)).sort((a, b) => a - b);
      const ps = [0, 5, 25, 50, 75, 95, 99.9, 100];
      const { percentiles } = fromSorted(sorted, n, ps);
      expect(percentiles).toEqual(ps.map((p) => percentile(sorted, p)));
    }
  });

  it("keeps every step-th value, at most the sample size, and gives nulls for no values", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i);
    const d = distribution(values, values.length, 1_500);
    expect(d.step).toBe(7);
    expect(d.sample.length).toBe(1_429);
    expect(d.sample.slice(0, 3)).toEqual([0, 7, 14]);
    expect([d.min, d.p50, d.max]).toEqual([0, 4_999.5, 9_999]);
    expect(distribution([], 0, 10)).toMatchObject({ n: 0, min: null, p50: null, sample: [] });
  });
});

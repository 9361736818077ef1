import { describe, expect, it } from "vitest";
import { holmAdjust, normalUpperTail } from "../../../src/gate/stats/index.js";

describe("Holm's step-down adjustment", () => {
  // Reference: R 4.3's p.adjust(p, "holm"), worked by hand: sort, multiply the i-th smallest by K − i + 1,
  // carry the running maximum, cap at 1.
  it.each([
    { p: [0.01, 0.04, 0.03, 0.005], adjusted: [0.03, 0.06, 0.06, 0.02] },
    { p: [0.2, 0.001, 0.02, 0.02, 0.5, 0.0004], adjusted: [0.4, 0.005, 0.08, 0.08, 0.5, 0.0024] },
    { p: [0.9, 0.6], adjusted: [1, 1] },
  ])("adjusts $p to $adjusted in the order given", ({ p, adjusted }) => {
    const got = holmAdjust(p);
    expect(got).toHaveLength(adjusted.length);
    for (const [i, value] of adjusted.entries()) expect(got[i]).toBeCloseTo(value, 12);
  });

  it("leaves one p-value alone, never lowers one, and keeps the order of the raw ones", () => {
    expect(holmAdjust([0.037])).toEqual([0.037]);
    expect(holmAdjust([])).toEqual([]);
    const raw = [0.3, 0.001, 0.04, 0.2, 0.01, 0.04];
    const adjusted = holmAdjust(raw);
    for (const [i, p] of raw.entries()) expect(adjusted[i]).toBeGreaterThanOrEqual(p);
    for (const [i, p] of raw.entries())
      for (const [j, q] of raw.entries())
        if (p < q) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j] ?? 0);
  });

  it("rejects a p-value that is not a probability, naming it", () => {
    expect(() => holmAdjust([0.1, Number.NaN])).toThrow(/pValues\[1\]/);
    expect(() => holmAdjust([1.2])).toThrow(/pValues\[0\] must be in \[0, 1\]/);
  });
});

describe("the normal upper tail", () => {
  // Reference: SciPy 1.10.1's norm.sf(z).
  it.each([
    { z: 0, expected: 0.5 },
    { z: 1, expected: 0.15865525393145707 },
    { z: 1.959963984540054, expected: 0.025 },
    { z: 3, expected: 0.0013498980316300933 },
    { z: 5, expected: 2.866515718791933e-7 },
    { z: 8, expected: 6.22096057427174e-16 },
    { z: -1.5, expected: 0.9331927987311419 },
  ])("P(Z ≥ $z) = $expected to 1e-8 relative", ({ z, expected }) => {
    expect(Math.abs(normalUpperTail(z) - expected)).toBeLessThanOrEqual(1e-8 * expected);
  });
});

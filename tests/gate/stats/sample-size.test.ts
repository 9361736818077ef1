import { describe, expect, it } from "vitest";
import { mcnemarSampleSize, normalQuantile } from "../../../src/gate/stats/index.js";

describe("the normal quantile", () => {
  // Reference: SciPy 1.10.1's norm.ppf (Cephes ndtri, a different algorithm from AS 241):
  // /usr/bin/python3 -c "from scipy.stats import norm; print(repr(norm.ppf(P)))" for each P below.
  it.each([
    { p: 0.5, expected: 0 },
    { p: 0.975, expected: 1.959963984540054 },
    { p: 0.995, expected: 2.5758293035489004 },
    { p: 0.8, expected: 0.8416212335729143 },
    { p: 0.9, expected: 1.2815515655446004 },
    { p: 0.3, expected: -0.5244005127080409 },
    { p: 0.02425, expected: -1.972961051311885 },
    { p: 0.02, expected: -2.053748910631823 },
    { p: 1e-5, expected: -4.264890793922825 },
    { p: 1e-10, expected: -6.361340902404056 },
    { p: 1e-300, expected: -37.0470962993612 },
    { p: 0.999999, expected: 4.753424308817087 },
  ])("normalQuantile($p) = $expected to 1e-9", ({ p, expected }) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(expected)),
    );
  });

  it("is antisymmetric around ½ and infinite at 0 and 1", () => {
    for (const p of [0.001, 0.1, 0.3, 0.49])
      expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 12);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe("calls needed for McNemar's test (Connor 1987)", () => {
  it("drop 2 points with 10% discordant calls needs 1,960 calls, as by hand", () => {
    // By hand: z_.975 = 1.959964, z_.8 = 0.841621; √0.1 = 0.316228, √(0.1 − 0.0004) = 0.315595;
    // (1.959964·0.316228 + 0.841621·0.315595)² / 0.0004 = (0.619795 + 0.265612)² / 0.0004 = 1959.86 → 1960.
    // /usr/bin/python3 -c "from scipy.stats import norm; import math; d,psi=0.02,0.1; print((norm.ppf(0.975)*math.sqrt(psi)+norm.ppf(0.8)*math.sqrt(psi-d*d))**2/d**2)"
    //   → 1959.8604071253721
    expect(mcnemarSampleSize({ drop: 0.02, discordance: 0.1 })).toBe(1960);
  });

  it.each([
    // The command above with d, psi set and norm.ppf(0.975) → norm.ppf(1 − α/2), norm.ppf(0.8) → norm.ppf(power);
    // the value before rounding up follows each row.
    { drop: 0.05, discordance: 0.2, alpha: 0.05, power: 0.8, expected: 626 }, // 625.5473178337214
    { drop: 0.1, discordance: 0.3, alpha: 0.01, power: 0.9, expected: 442 }, // 441.4102055079075
    { drop: 0.02, discordance: 0.05, alpha: 0.05, power: 0.9, expected: 1310 }, // 1309.2686695669065
  ])("drop $drop, ψ = $discordance, α = $alpha, power $power needs $expected calls", (input) => {
    const { expected, ...rest } = input;
    expect(mcnemarSampleSize(rest)).toBe(expected);
  });

  it("a one-sided test at α needs what a two-sided one needs at 2α, and fewer calls than two-sided at α", () => {
    const input = { drop: 0.05, discordance: 0.2, power: 0.8 };
    const oneSided = mcnemarSampleSize({ ...input, alpha: 0.05, alternative: "one-sided" });
    expect(oneSided).toBe(mcnemarSampleSize({ ...input, alpha: 0.1 }));
    expect(oneSided).toBeLessThan(mcnemarSampleSize({ ...input, alpha: 0.05 }));
    // /usr/bin/python3 -c "from statistics import NormalDist as N; import math; d,psi=0.05,0.2
    //   print((N().inv_cdf(0.95)*math.sqrt(psi)+N().inv_cdf(0.8)*math.sqrt(psi-d*d))**2/d**2)"  → 492.5075551969719
    expect(oneSided).toBe(493);
  });

  it("an unknown or too small discordance is raised to the drop: a lower bound", () => {
    // /usr/bin/python3 -c "from scipy.stats import norm; import math; d=psi=0.02; print((norm.ppf(0.975)*math.sqrt(psi)+norm.ppf(0.8)*math.sqrt(psi-d*d))**2/d**2)"
    //   → 390.0777818507084
    expect(mcnemarSampleSize({ drop: 0.02 })).toBe(391);
    expect(mcnemarSampleSize({ drop: 0.02, discordance: null })).toBe(391);
    expect(mcnemarSampleSize({ drop: 0.02, discordance: 0.001 })).toBe(391);
    expect(mcnemarSampleSize({ drop: 0.02, discordance: 0.001 })).toBeLessThan(
      mcnemarSampleSize({ drop: 0.02, discordance: 0.05 }),
    );
  });

  it("needs more calls for a smaller drop, more churn, a stricter alpha or more power", () => {
    const base = { drop: 0.03, discordance: 0.1, alpha: 0.05, power: 0.8 };
    const n = mcnemarSampleSize(base);
    expect(mcnemarSampleSize({ ...base, drop: 0.02 })).toBeGreaterThan(n);
    expect(mcnemarSampleSize({ ...base, discordance: 0.2 })).toBeGreaterThan(n);
    expect(mcnemarSampleSize({ ...base, alpha: 0.01 })).toBeGreaterThan(n);
    expect(mcnemarSampleSize({ ...base, power: 0.9 })).toBeGreaterThan(n);
    let previous = 0;
    for (let drop = 0.1; drop >= 0.005; drop -= 0.005) {
      const needed = mcnemarSampleSize({ drop, discordance: 0.1 });
      expect(needed).toBeGreaterThanOrEqual(previous);
      previous = needed;
    }
  });

  it("rejects inputs outside their ranges", () => {
    expect(() => mcnemarSampleSize({ drop: 0 })).toThrow(RangeError);
    expect(() => mcnemarSampleSize({ drop: 0.02, discordance: 1.2 })).toThrow(RangeError);
    expect(() => mcnemarSampleSize({ drop: 0.02, alpha: 0 })).toThrow(RangeError);
    expect(() => mcnemarSampleSize({ drop: 0.02, power: 1 })).toThrow(RangeError);
  });
});

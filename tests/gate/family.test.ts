// One gate's checks share its error rate: a drop that is significant alone but not among the gate's checks
// is inconclusive, says so and how many calls would settle it; a strong regression still fails.
import { describe, expect, it } from "vitest";
import { gatesSchema } from "../../src/config/schema.js";
import { runGate } from "../../src/gate/index.js";
import { regressionChecks } from "../../src/gate/regression.js";
import { mcnemarSampleSize } from "../../src/gate/stats/index.js";
import { type Outcomes, suiteRun } from "./simulated-suite.js";

function never(): never {
  throw new Error("the regression settings are missing");
}

const gates = gatesSchema.parse({
  regression: { baseline: "b.json", maxDrop: 0.02, alpha: 0.05, resamples: 500 },
});

/** One model, five fields on `calls` calls, every field right everywhere unless `field_1` is given. */
function run(id: string, field1: string): ReturnType<typeof suiteRun> {
  const calls = field1.length;
  const fields: Outcomes[string] = { field_1: field1 };
  for (let f = 2; f <= 5; f++) fields[`field_${f}`] = "1101".repeat(calls / 4);
  return suiteRun(id, { m: fields });
}

describe("the regression checks of one gate share α (Holm)", () => {
  // 12 right → wrong, 3 wrong → right on 120 calls: one-sided McNemar p = P(X ≥ 12 | 15, ½) = 0.018 alone,
  // −7.5 pts; 6 × 0.018 = 0.105 once α is shared by six checks.
  const baseline = run("base", `${"1".repeat(12)}${"0".repeat(3)}${"1".repeat(105)}`);
  const candidate = run("cand", `${"0".repeat(12)}${"1".repeat(3)}${"1".repeat(105)}`);

  it("a drop significant alone is inconclusive among six checks, and the calls needed are at α/6", () => {
    const result = runGate(candidate, { gates, strict: false, baseline });
    expect(result.families).toEqual([{ kind: "regression", method: "holm", size: 6, alpha: 0.05 }]);
    const check = result.checks.find((c) => c.id === "regression:accuracy:m:field_1");
    expect(check).toMatchObject({ verdict: "inconclusive", delta: -0.075, n: 120 });
    // /usr/bin/python3 -c "from fractions import Fraction as F; from math import comb; print(float(F(sum(comb(15, k) for k in range(12, 16)), 2**15)))"
    //   → 0.017578125
    expect(check?.pValue).toBeCloseTo(0.017578125, 15);
    expect(check?.adjustedP).toBeGreaterThanOrEqual(0.05);
    expect(check?.message).toMatch(/one-sided McNemar p=0\.018, Holm-adjusted p=0\.11 over 6 checks;/);
    expect(check?.message).toMatch(/significant alone, not once α=0\.05 is shared by 6 checks \(Holm\)/);
    const hint = { drop: 0.02, discordance: 15 / 120, alternative: "one-sided" } as const;
    const alone = mcnemarSampleSize({ ...hint, alpha: 0.05 });
    const shared = mcnemarSampleSize({ ...hint, alpha: 0.05 / 6 });
    expect(shared).toBeGreaterThan(alone);
    expect(check?.neededCalls).toBe(shared);
    expect(check?.message).toContain(
      `too few calls to tell a drop of −2.0 pts at α=0.05; about ${shared} needed (α=0.05/6=0.0083 per check)`,
    );
    expect(result.verdict).toBe("inconclusive");
  });

  it("the gate's p-values look only for a drop; compare's, for a change either way", () => {
    const gate = runGate(candidate, { gates, strict: false, baseline });
    const listed = regressionChecks(candidate, baseline, gates.regression ?? never());
    const pick = (checks: typeof listed) => checks.find((c) => c.id === "regression:accuracy:m:field_1");
    expect(pick(listed)?.pValue).toBeCloseTo(0.03515625, 12);
    expect(pick(listed)?.message).toMatch(/\(95% CI .*, McNemar p=0\.035;/);
    expect(pick(gate.checks)?.pValue).toBeCloseTo((pick(listed)?.pValue ?? 0) / 2, 12);
    // The overall check's p-value is a sign-flip test in both, one-sided in the gate.
    const overall = (checks: typeof listed) => checks.find((c) => c.id === "regression:fieldAccuracy:m");
    expect(overall(gate.checks)?.message).toMatch(/one-sided sign-flip p=/);
    expect(overall(listed)?.message).toMatch(/, sign-flip p=/);
  });

  it("decided each at α alone (no correction), the same drop fails the gate", () => {
    const result = runGate(candidate, { gates, strict: false, baseline, correction: "none" });
    expect(result.families).toEqual([{ kind: "regression", method: "none", size: 6, alpha: 0.05 }]);
    const check = result.checks.find((c) => c.id === "regression:accuracy:m:field_1");
    expect(check?.verdict).toBe("fail");
    expect(check).not.toHaveProperty("adjustedP");
    expect(check?.message).not.toMatch(/Holm/);
    expect(result.verdict).toBe("fail");
  });

  it("a strong regression still fails, naming the same flipped calls", () => {
    const before = run("base", "1".repeat(200));
    const after = run("cand", `${"1".repeat(160)}${"0".repeat(40)}`);
    const holm = runGate(after, { gates, strict: false, baseline: before });
    const none = runGate(after, { gates, strict: false, baseline: before, correction: "none" });
    const pick = (r: typeof holm) => r.checks.find((c) => c.id === "regression:accuracy:m:field_1");
    expect(pick(holm)).toMatchObject({ verdict: "fail", delta: -0.2 });
    expect(pick(holm)?.adjustedP).toBeLessThan(1e-9);
    expect(pick(holm)?.message).toMatch(/: a significant drop beyond the −2\.0 pts allowed$/);
    expect(pick(holm)?.flips).toEqual(pick(none)?.flips);
    expect(pick(holm)?.flips?.rightToWrong.map((f) => f.caseId)).toEqual(
      Array.from({ length: 40 }, (_, i) => `call-${161 + i}`),
    );
    expect(holm.verdict).toBe("fail");
    for (const check of holm.checks) expect(check.adjustedP ?? 1).toBeGreaterThanOrEqual(check.pValue ?? 0);
  });
});

describe("thresholds under the lower-bound policy share α for their passes", () => {
  // 172 of 200 right (86%) against a minimum of 80%: score-test p = 0.034 at the limit; Wilson's lower bound
  // is 80.6%, so the threshold passes alone.
  const good = `${"1".repeat(172)}${"0".repeat(28)}`;
  const fields = Object.fromEntries([1, 2, 3, 4].map((f) => [`field_${f}`, good]));
  const candidate = suiteRun("cand", { m: fields });
  const threshold = (field: string) => ({ metric: "fieldAccuracy", field, min: 0.8 });

  it("one threshold that clears alone passes, as before", () => {
    const gate = gatesSchema.parse({ thresholds: [threshold("field_1")] });
    const result = runGate(candidate, { gates: gate, strict: false });
    expect(result.checks[0]).toMatchObject({ verdict: "pass", observed: 0.86 });
    expect(result.checks[0]?.interval?.[0]).toBeGreaterThan(0.8);
    expect(result.checks[0]?.pValue).toBeCloseTo(0.0339, 3);
    expect(result.families).toEqual([{ kind: "threshold", method: "holm", size: 1, alpha: 0.05 }]);
  });

  it("four that each clear alone do not clear together: inconclusive, saying why", () => {
    const gate = gatesSchema.parse({ thresholds: [1, 2, 3, 4].map((f) => threshold(`field_${f}`)) });
    const result = runGate(candidate, { gates: gate, strict: false });
    expect(result.families).toEqual([{ kind: "threshold", method: "holm", size: 4, alpha: 0.05 }]);
    for (const check of result.checks) {
      expect(check.verdict).toBe("inconclusive");
      expect(check.adjustedP).toBeCloseTo(4 * (check.pValue ?? 0), 9);
      expect(check.message).toMatch(/p=0\.034 at the limit, Holm-adjusted p=0\.14 over 4 checks/);
      expect(check.message).toMatch(
        /the interval clears the limit, but not once α=0\.05 is shared by 4 thresholds/,
      );
    }
    const alone = runGate(candidate, { gates: gate, strict: false, correction: "none" });
    expect(alone.checks.map((c) => c.verdict)).toEqual(["pass", "pass", "pass", "pass"]);
  });

  it("a point estimate below the limit fails whatever the family; the point policy has no family", () => {
    const gate = gatesSchema.parse({
      thresholds: [threshold("field_1"), { metric: "fieldAccuracy", field: "field_2", min: 0.9 }],
    });
    const result = runGate(candidate, { gates: gate, strict: false });
    expect(result.checks.map((c) => c.verdict)).toEqual(["inconclusive", "fail"]);
    const point = runGate(candidate, { gates: { ...gate, policy: "point" }, strict: false });
    expect(point.checks.map((c) => c.verdict)).toEqual(["pass", "fail"]);
    expect(point.families).toEqual([]);
    expect(point.checks[0]).not.toHaveProperty("pValue");
  });
});

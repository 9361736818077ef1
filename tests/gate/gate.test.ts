// Gate decisions on crafted runs: the statistics decide, not the size of a single number.
import { describe, expect, it } from "vitest";
import { gatesSchema } from "../../src/config/schema.js";
import type { ModelSummary, RunSummary } from "../../src/core/summary.js";
import { gateExitCode, runGate } from "../../src/gate/index.js";
import type { Baseline } from "../../src/gate/types.js";
import { wilson } from "../../src/scoring/metrics.js";

/** A run of one model with one field, from a string of outcomes ("1" right, "0" wrong). */
function run(id: string, outcomes: string, extra: { latency?: number; cost?: number } = {}): Baseline {
  const n = outcomes.length;
  const right = [...outcomes].filter((c) => c === "1").length;
  const model: ModelSummary = {
    id: "m",
    provider: "replay",
    model: null,
    calls: n,
    errors: 0,
    errorsByKind: {},
    cachedCalls: 0,
    schemaValidRate: 1,
    fieldAccuracy: right / n,
    fields: {
      date: {
        accuracy: right / n,
        ci95: wilson(right, n),
        precision: null,
        recall: null,
        f1: null,
        n,
        correct: right,
      },
    },
    latencyMs: { p50: extra.latency ?? 500, p95: extra.latency ?? 500 },
    tokens: { input: 0, output: 0, cachedInput: 0 },
    costUsd: (extra.cost ?? 0.001) * n,
  };
  const summary: RunSummary = {
    runId: id,
    suite: "crafted",
    createdAt: "2026-11-30T00:00:00.000Z",
    status: "finished",
    caseCount: n,
    repeat: 1,
    hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
    models: [model],
    skippedModels: [],
    agreement: {},
    review: { queued: 0, byReason: {}, graded: 0, contested: 0, interRater: {} },
    unscored: {},
  };
  const cases = [...outcomes].map((_, i) => `c${i}`);
  return {
    ...summary,
    baseline: {
      format: "callgrade-baseline",
      version: 1,
      cases,
      models: [
        {
          id: "m",
          outcomes: { date: outcomes },
          latencyMs: cases.map(() => extra.latency ?? 500),
          costUsd: cases.map(() => extra.cost ?? 0.001),
        },
      ],
    },
  };
}

const repeat = (pattern: string, times: number) => pattern.repeat(times);

/** A run whose notes a judge graded: the judge-corrected estimate and its standard error. */
const judged = (estimate: number, standardError: number, id = "j"): Baseline => ({
  ...run(id, repeat("1", 10)),
  judge: {
    judgeId: "judge",
    calls: 500,
    costUsd: 0.5,
    withoutGold: [],
    fields: {
      notes: {
        m: {
          N: 500,
          n: 60,
          estimate: {
            estimate,
            lower: estimate - 1.96 * standardError,
            upper: estimate + 1.96 * standardError,
            standardError,
            effectiveHumanGrades: 120,
            lambda: 0.8,
          },
          judgeOnly: { estimate: 0.95, lower: 0.93, upper: 0.97 },
          humanOnly: { estimate, lower: 0.6, upper: 0.9 },
          calibration: {
            n: 60,
            kappa: 0.5,
            judgePassRate: 0.95,
            humanPassRate: 0.8,
            confusion: { bothPass: 45, judgeOnlyPass: 12, humanOnlyPass: 3, bothFail: 0 },
          },
          gradesForTenPoints: 200,
        },
      },
    },
  },
});

const regression = gatesSchema.parse({
  regression: { baseline: "b.json", maxDrop: 0.02, alpha: 0.05, resamples: 500 },
});

describe("regression against a baseline", () => {
  it("a judged field's drop fails when significant, passes when the interval clears, else says grade more", () => {
    const gates = gatesSchema.parse({ regression: { baseline: "b.json", maxDrop: 0.02, alpha: 0.05 } });
    const judgedCheck = (now: number, then: number, se: number) =>
      runGate(judged(now, se, "cand"), {
        gates,
        baseline: judged(then, se, "base"),
        strict: false,
      }).checks.find((c) => c.metric === "judgedAccuracy");
    expect(judgedCheck(0.7, 0.85, 0.02)).toMatchObject({ verdict: "fail", field: "notes", model: "m" });
    expect(judgedCheck(0.7, 0.85, 0.02)?.delta).toBeCloseTo(-0.15);
    expect(judgedCheck(0.95, 0.85, 0.02)?.verdict).toBe("pass");
    const unsure = judgedCheck(0.84, 0.85, 0.05);
    expect(unsure?.verdict).toBe("inconclusive");
    expect(unsure?.message).toMatch(/too few grades to tell/);
    // A run without an estimate (under two grades) has no judged check.
    expect(
      runGate(run("cand", repeat("1", 10)), {
        gates,
        baseline: judged(0.8, 0.02, "base"),
        strict: false,
      }).checks.some((c) => c.metric === "judgedAccuracy"),
    ).toBe(false);
  });

  it("a clear regression fails and names the flipped calls", () => {
    const baseline = run("base", repeat("1", 200));
    const candidate = run("cand", repeat("1", 160) + repeat("0", 40));
    const result = runGate(candidate, { gates: regression, strict: false, baseline });
    const date = result.checks.find((c) => c.id === "regression:accuracy:m:date");
    expect(date).toMatchObject({ verdict: "fail", delta: -0.2, n: 200 });
    expect(date?.pValue).toBeLessThan(1e-10);
    expect(date?.flips?.rightToWrong.map((f) => f.caseId)).toEqual(
      Array.from({ length: 40 }, (_, i) => `c${160 + i}`),
    );
    expect(result.verdict).toBe("fail");
    expect(gateExitCode(result)).toBe(1);
  });

  it("a clear improvement passes", () => {
    const baseline = run("base", repeat("10", 100));
    const candidate = run("cand", repeat("11", 100));
    const result = runGate(candidate, { gates: regression, strict: true, baseline });
    expect(result.checks.find((c) => c.id === "regression:accuracy:m:date")).toMatchObject({
      verdict: "pass",
      delta: 0.5,
    });
    expect(result.verdict).toBe("pass");
    expect(gateExitCode(result)).toBe(0);
  });

  it("a tiny change on few calls is inconclusive, says how many calls would tell, and fails only with --strict", () => {
    const baseline = run("base", repeat("1", 20));
    const candidate = run("cand", `0${repeat("1", 19)}`);
    const result = runGate(candidate, { gates: regression, strict: false, baseline });
    const date = result.checks.find((c) => c.id === "regression:accuracy:m:date");
    expect(date?.verdict).toBe("inconclusive");
    // One call right → wrong, none back: P(X ≥ 1 | n = 1, ½), one-sided for a drop.
    expect(date?.pValue).toBe(0.5);
    expect(date?.neededCalls).toBeGreaterThan(20);
    expect(date?.message).toMatch(/too few calls to tell a drop of −2\.0 pts at α=0\.05; about \d+ needed/);
    expect(gateExitCode(result)).toBe(0);
    expect(gateExitCode({ ...result, strict: true })).toBe(1);
  });

  it("the same outcomes pass, with a zero change", () => {
    const same = repeat("1101", 50);
    const result = runGate(run("cand", same), {
      gates: regression,
      strict: true,
      baseline: run("base", same),
    });
    expect(result.verdict).toBe("pass");
    expect(result.checks.find((c) => c.id === "regression:fieldAccuracy:m")).toMatchObject({
      delta: 0,
      interval: [0, 0],
    });
  });

  it("latency that doubles fails; cost within tolerance passes", () => {
    const baseline = run("base", repeat("1", 100), { latency: 500, cost: 0.001 });
    const candidate = run("cand", repeat("1", 100), { latency: 1000, cost: 0.00105 });
    const result = runGate(candidate, { gates: regression, strict: false, baseline });
    expect(result.checks.find((c) => c.metric === "latencyMs.mean")).toMatchObject({
      verdict: "fail",
      delta: 500,
    });
    expect(result.checks.find((c) => c.metric === "costUsd.perCall")?.verdict).toBe("pass");
  });
});

describe("thresholds", () => {
  const threshold = (policy: "lower-bound" | "point") =>
    gatesSchema.parse({ thresholds: [{ metric: "fieldAccuracy", field: "date", min: 0.9 }], policy });

  it("on a small noisy sample, the lower-bound policy says inconclusive where the point estimate clears", () => {
    // 19/20 = 0.95 ≥ 0.9, but the Wilson interval starts at 0.764.
    const small = run("small", `${repeat("1", 19)}0`);
    const check = runGate(small, { gates: threshold("lower-bound"), strict: false }).checks[0];
    expect(check).toMatchObject({ verdict: "inconclusive", observed: 0.95, n: 20 });
    expect(check?.interval?.[0]).toBeCloseTo(0.7639, 3);
    expect(runGate(small, { gates: threshold("point"), strict: false }).checks[0]?.verdict).toBe("pass");
  });

  it("passes when the whole interval clears, and fails when the point estimate misses", () => {
    expect(
      runGate(run("big", repeat("1", 400)), { gates: threshold("lower-bound"), strict: false }).verdict,
    ).toBe("pass");
    expect(
      runGate(run("bad", repeat("10", 50)), { gates: threshold("lower-bound"), strict: false }).verdict,
    ).toBe("fail");
  });

  it("a threshold on a field no run has is a config error naming it", () => {
    const gates = gatesSchema.parse({ thresholds: [{ metric: "fieldAccuracy", field: "phone", min: 0.9 }] });
    expect(() => runGate(run("r", "11"), { gates, strict: false })).toThrow(
      /gates\.thresholds\.0\.field: "phone"/,
    );
  });

  it("a judged field's accuracy is held to its limit with the judge-corrected estimate's interval", () => {
    const gates = gatesSchema.parse({ thresholds: [{ metric: "judgedAccuracy", field: "notes", min: 0.7 }] });
    // 0.80 ± 1.96 × 0.03: the whole interval clears 0.70. The judge's own 0.95 plays no part.
    const clear = runGate(judged(0.8, 0.03), { gates, strict: false }).checks[0];
    expect(clear).toMatchObject({ verdict: "pass", observed: 0.8, n: 60 });
    expect(runGate(judged(0.74, 0.03), { gates, strict: false }).checks[0]?.verdict).toBe("inconclusive");
    expect(runGate(judged(0.65, 0.03), { gates, strict: false }).checks[0]?.verdict).toBe("fail");
    expect(() => runGate(run("r", "11"), { gates, strict: false })).toThrow(
      /gates\.thresholds\.0\.field: "notes" has no judged accuracy for m; judged fields: none \(the run had no judge\)/,
    );
  });

  it("latency and cost limits compare the point estimate", () => {
    const gates = gatesSchema.parse({
      thresholds: [
        { metric: "latencyMs.p95", max: 400 },
        { metric: "costUsd.perCall", max: 0.002 },
      ],
    });
    const [latency, cost] = runGate(run("r", repeat("1", 10), { latency: 500 }), {
      gates,
      strict: false,
    }).checks;
    expect(latency).toMatchObject({ verdict: "fail", observed: 500 });
    expect(cost).toMatchObject({ verdict: "pass", observed: 0.001 });
  });
});

// Latency and cost regressions are checked only where the calls carry real latency and cost: a replay without
// recorded latencies is timed reading its file, and a model without a price or usage costs nothing.
import { describe, expect, it } from "vitest";
import { gatesSchema } from "../../src/config/schema.js";
import type { ModelSummary, RunSummary } from "../../src/core/summary.js";
import { runGate } from "../../src/gate/index.js";
import type { Baseline } from "../../src/gate/types.js";

interface Side {
  provider: string;
  latency: (i: number) => number;
  cost: (i: number) => number | null;
}

/** A run of one model "m" over 60 cases, every one right, with the latencies and costs given. */
function run(id: string, side: Side): Baseline {
  const cases = Array.from({ length: 60 }, (_, i) => `c${i}`);
  const model = {
    id: "m",
    provider: side.provider,
    model: null,
    calls: cases.length,
    errors: 0,
    errorsByKind: {},
    cachedCalls: 0,
    schemaValidRate: 1,
    fieldAccuracy: 1,
    fields: {},
    latencyMs: { p50: null, p95: null },
    tokens: { input: 0, output: 0, cachedInput: 0 },
    costUsd: null,
  } satisfies ModelSummary;
  const summary: RunSummary = {
    runId: id,
    suite: "crafted",
    createdAt: "2026-12-01T00:00:00.000Z",
    status: "finished",
    caseCount: cases.length,
    repeat: 1,
    hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
    models: [model],
    skippedModels: [],
    agreement: {},
    review: { queued: 0, byReason: {}, graded: 0, contested: 0, interRater: {} },
    unscored: {},
  };
  return {
    ...summary,
    baseline: {
      format: "callgrade-baseline",
      version: 1,
      cases,
      models: [
        {
          id: "m",
          outcomes: { date: "1".repeat(cases.length) },
          latencyMs: cases.map((_, i) => side.latency(i)),
          costUsd: cases.map((_, i) => side.cost(i)),
        },
      ],
    },
  };
}

const gates = gatesSchema.parse({ regression: { baseline: "b.json", resamples: 500 } });
// File reads: 0 or 1 ms, a little more on the candidate, which used to read as "+150%".
const fileReads = (shift: number) => (i: number) => (i % 3 === 0 ? 1 : 0) + (i % 5 === 0 ? shift : 0);
const metrics = (baseline: Baseline, candidate: Baseline) => {
  const result = runGate(candidate, { gates, strict: true, baseline });
  return { result, checked: result.checks.map((c) => c.metric) };
};

describe("latency and cost checks only where they mean something", () => {
  it("a replay without recorded latencies gets no latency check, and the gate says why", () => {
    const side = (shift: number): Side => ({
      provider: "replay",
      latency: fileReads(shift),
      cost: () => 0.001,
    });
    const { result, checked } = metrics(run("base", side(0)), run("cand", side(1)));
    expect(checked).not.toContain("latencyMs.mean");
    expect(checked).toContain("costUsd.perCall");
    expect(result.unchecked).toEqual([
      {
        model: "m",
        metric: "latencyMs.mean",
        reason: "replay rows without latencyMs, so its times are callgrade reading the file",
      },
    ]);
    expect(result.checks.filter((c) => c.verdict === "fail")).toEqual([]);
  });

  it("a replay with recorded latencies is checked like any model", () => {
    const side = (ms: number): Side => ({ provider: "replay", latency: () => ms, cost: () => 0.001 });
    const { result, checked } = metrics(run("base", side(500)), run("cand", side(1000)));
    expect(checked).toContain("latencyMs.mean");
    expect(result.checks.find((c) => c.metric === "latencyMs.mean")?.verdict).toBe("fail");
    expect(result.unchecked).toBeUndefined();
  });

  it("no price, or no usage to price, means no cost check", () => {
    const unpriced: Side = { provider: "openai", latency: () => 800, cost: () => null };
    expect(metrics(run("base", unpriced), run("cand", unpriced)).result.unchecked).toEqual([
      { model: "m", metric: "costUsd.perCall", reason: "no price for the model" },
    ]);
    const noUsage: Side = { provider: "replay", latency: () => 800, cost: () => 0 };
    expect(metrics(run("base", noUsage), run("cand", noUsage)).result.unchecked).toEqual([
      { model: "m", metric: "costUsd.perCall", reason: "replay rows without usage: no tokens to price" },
    ]);
  });

  it("says which side lacks real latency when only one does", () => {
    const real: Side = { provider: "openai", latency: (i) => 700 + i, cost: () => 0.001 };
    const replay: Side = { provider: "replay", latency: fileReads(0), cost: () => 0.001 };
    const { checked, result } = metrics(run("base", real), run("cand", replay));
    expect(checked).not.toContain("latencyMs.mean");
    expect(result.unchecked?.[0]?.reason).toBe(
      "replay rows without latencyMs, so its times are callgrade reading the file (this run)",
    );
  });
});

// `npm run bench` at a tiny size: every scenario runs through to a figure, and results.json keeps its shape.
// No figure is compared to its target here: timing on a shared CI machine says nothing (STYLE.md).
import { describe, expect, it } from "vitest";
import { type BenchResults, runBench, SCENARIOS } from "../bench/run.js";
import { TINY } from "../bench/scale.js";

describe("the benchmark at a tiny size", () => {
  let results: BenchResults;

  it("runs every scenario to rows with finite figures", async () => {
    results = await runBench(TINY);
    expect(results.notes).toEqual([]);
    const scenarios = new Set(results.rows.map((row) => row.scenario));
    for (const scenario of SCENARIOS) expect(scenarios, scenario.name).toContain(scenario.name);
    for (const row of results.rows) {
      expect(Number.isFinite(row.value), `${row.scenario}: ${row.measure} = ${row.value}`).toBe(true);
    }
  }, 180_000);

  it("writes results.json in the shape the README describes", () => {
    const parsed = JSON.parse(JSON.stringify(results)) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(
      ["durationMs", "machine", "mode", "notes", "passed", "rows", "scenarios", "startedAt"].sort(),
    );
    expect(parsed.mode).toBe("tiny");
    expect(parsed.machine).toMatchObject({ cores: expect.any(Number), node: process.version });
    for (const row of results.rows) {
      expect(Object.keys(row).sort()).toEqual(
        ["ideal", "measure", "pass", "scenario", "shown", "target", "unit", "value"].sort(),
      );
    }
    expect(Object.keys(parsed.scenarios as object).sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
  });
});

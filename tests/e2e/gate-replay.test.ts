// `callgrade gate` on replay models against a baseline, as CI runs it: a replay without recorded latencies (or
// usage, or price) gets no latency or cost check, the output says so once, and the many inconclusive checks of
// a small suite come one line per model.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli } from "../helpers/cli.js";

const SMALL = path.resolve("tests/fixtures/suite-small");

describe("the gate on replay models", () => {
  let dir: string;
  let gate: CliResult;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-gate-replay-"));
    cpSync(SMALL, dir, { recursive: true });
    const config = path.join(dir, "callgrade.config.ts");
    // Model a's rows carry latencyMs and usage and it has a price; model b's carry neither and it has none.
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace(
        /\n\}\);\s*$/,
        `\n  gates: { thresholds: [{ metric: "schemaValidRate", min: 0.5 }],
    regression: { baseline: "baseline/summary.json", maxDrop: 0.1 } },\n});\n`,
      ),
    );
    const first = await runCli(
      ["run", "--store", "s.db", "--out", "first", "--save-baseline", "baseline/summary.json"],
      { cwd: dir },
    );
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(["run", "--store", "s.db", "--out", "second"], { cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    gate = await runCli(["gate", "--store", "s.db", "--out", "second", "--junit", "second/junit.xml"], {
      cwd: dir,
    });
  });

  it("checks no latency or cost the replay's calls do not carry, and says why once", () => {
    expect(gate.code, gate.stderr).toBe(0);
    const notChecked = gate.stdout.split("\n").filter((line) => line.includes("not checked"));
    expect(notChecked).toEqual([
      "  not checked: b latencyMs.mean (replay rows without latencyMs, so its times are callgrade reading the file); b costUsd.perCall (no price for the model)",
    ]);
    const junit = readFileSync(path.join(dir, "second", "junit.xml"), "utf8");
    expect(junit).not.toContain("regression:latencyMs.mean:b");
    expect(junit).not.toContain("regression:costUsd.perCall:b");
    // Model a's recorded latencies and priced usage are compared as before.
    expect(junit).toContain("regression:latencyMs.mean:a");
    expect(junit).toContain("regression:costUsd.perCall:a");
    const md = readFileSync(path.join(dir, "second", "report.md"), "utf8");
    expect(md).toContain("### Not checked\n\n- b latencyMs.mean (replay rows without latencyMs");
  });

  it("groups the small suite's inconclusive checks one line per model", () => {
    const lines = gate.stdout.split("\n");
    expect(lines).toContain("  ? 10 checks inconclusive (more calls would tell), by model:");
    expect(lines.filter((l) => l.startsWith("  ? "))).toHaveLength(3);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {2}\? b: schemaValidRate ≥ 0\.5 n=5, name n=4, phone n=4, date n=4, size n=4 — about \d+ calls needed$/,
      ),
    );
    const md = readFileSync(path.join(dir, "second", "report.md"), "utf8");
    expect(md).toContain("<details><summary>Each inconclusive check (10)</summary>");
  });
});

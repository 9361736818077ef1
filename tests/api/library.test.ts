// The library API as a user's script or test calls it: typed results, nothing printed or written unless a
// reporter asks, and the same store and report places as the CLI.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BUILTIN_REPORTERS,
  CallgradeError,
  compare,
  defineConfig,
  exportGold,
  gate,
  loadSuite,
  openStore,
  type Reporter,
  report,
  run,
  saveBaseline,
  suiteFromConfig,
} from "../../src/index.js";
import { ROOT } from "../helpers/cli.js";

const SMALL = path.join(ROOT, "tests/fixtures/suite-small");

describe("the library API", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-api-"));
    cpSync(SMALL, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("run returns the scored summary and writes nothing but its store, printing nothing", async () => {
    const write = vi.spyOn(process.stdout, "write");
    const suite = await loadSuite(path.join(dir, "callgrade.config.ts"));
    const result = await run(suite);
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
    expect(result.exitCode).toBe(0);
    expect(result.summary.models.map((m) => m.id)).toEqual(["a", "b"]);
    expect(result.summary.models[0]?.fieldAccuracy).toBeCloseTo(0.8125, 6);
    expect(result.files).toEqual([]);
    expect(result.storeFile).toBe(path.join(dir, ".callgrade", "callgrade.db"));
    expect(existsSync(path.join(dir, "reports"))).toBe(false);
  });

  it("reporters write into the run's report folder beside the config, and custom hooks see every event", async () => {
    const suite = await loadSuite(path.join(dir, "callgrade.config.ts"));
    const events: string[] = [];
    const seen: string[] = [];
    const custom: Reporter = {
      name: "custom",
      onRunEvent: (event) => events.push(event.type),
      onReport: (data, out) => {
        seen.push(data.summary.runId);
        out.file("custom.txt", `${data.summary.caseCount} cases\n`);
      },
    };
    const { json } = BUILTIN_REPORTERS;
    const result = await run(suite, { reporters: [json as Reporter, custom] });
    const folder = path.join(dir, "reports", result.runId);
    expect(result.reportDir).toBe(folder);
    expect(result.files).toEqual([path.join(folder, "summary.json"), path.join(folder, "custom.txt")]);
    expect(readdirSync(folder).sort()).toEqual([".callgrade-report", "custom.txt", "summary.json"]);
    expect(seen).toEqual([result.runId]);
    expect(events[0]).toBe("run-started");
    expect(events.at(-1)).toBe("run-finished");
    expect(events.filter((type) => type === "call-finished")).toHaveLength(10);
  });

  it("report, baseline, gate, compare and export-gold work on what run stored", async () => {
    const suite = await loadSuite(path.join(dir, "callgrade.config.ts"));
    const first = await run(suite);
    const saved = await saveBaseline(suite);
    expect(saved).toEqual({
      runId: first.runId,
      file: path.join(dir, "reports", "baseline", "summary.json"),
    });
    const second = await run(suite);
    const again = await report(suite, { runId: first.runId });
    expect(again.summary.models).toEqual(first.summary.models);
    const outcome = await gate(suite, { baseline: saved.file });
    expect(outcome.runId).toBe(second.runId);
    expect(outcome.result.baselineRunId).toBe(first.runId);
    expect([0, 1]).toContain(outcome.exitCode);
    expect(outcome.result.checks.length).toBeGreaterThan(0);
    const comparison = await compare(suite, first.runId, second.runId);
    expect(comparison).toMatchObject({ a: first.runId, b: second.runId });
    expect(comparison.checks.every((check) => check.delta === 0 || check.delta === null)).toBe(true);
    const gold = await exportGold(suite);
    expect(gold.file).toBe(path.join(dir, "reports", second.runId, "gold.jsonl"));
    const store = openStore(suite);
    try {
      expect(store.runs.latest()?.id).toBe(second.runId);
    } finally {
      store.close();
    }
  });

  it("a config written in code runs like a loaded one", async () => {
    const loaded = await loadSuite(path.join(dir, "callgrade.config.ts"));
    const suite = suiteFromConfig(defineConfig({ ...loaded.config, name: "in code" }), { baseDir: dir });
    const result = await run(suite, { store: path.join(dir, "other.db") });
    expect(result.summary.suite).toBe("in code");
    expect(result.summary.models[0]?.fieldAccuracy).toBeCloseTo(0.8125, 6);
  });

  it("errors a user can fix are CallgradeErrors with a stable code, and read-only use cases create no store", async () => {
    const suite = await loadSuite(path.join(dir, "callgrade.config.ts"));
    const error = await report(suite).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallgradeError);
    expect(error).toMatchObject({ code: "RUN_NOT_FOUND" });
    expect(existsSync(path.join(dir, ".callgrade"))).toBe(false);
    expect(() =>
      suiteFromConfig(defineConfig({ ...suite.config, concurrency: -1 }), { baseDir: dir }),
    ).toThrow(/concurrency/);
  });
});

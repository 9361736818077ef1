import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { type CliResult, runCli } from "../helpers/cli.js";

// Hand-computed from tests/fixtures/suite-small (gold vs a.jsonl and b.jsonl):
// a: name c1 tp, c2 tp, c3 fp, c4 tp · phone all right · date c2 wrong · size c4 wrong (3 vs 2).
// b: c1 is prose, so invalid on every field; everything else right.
// Wilson 95% for 3/4: centre (0.75 + z²/8)/(1 + z²/4) = 0.62753, half-width 0.32689 → [0.30064, 0.95441].
const W34: [number, number] = [0.30064, 0.95441];

describe("callgrade run on a hand-computed suite", () => {
  let result: CliResult;
  let summary: RunSummary;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-e2e-"));
    result = await runCli([
      "run",
      "--config",
      "tests/fixtures/suite-small/callgrade.config.ts",
      "--store",
      path.join(dir, "store.db"),
      "--out",
      path.join(dir, "out"),
    ]);
    summary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
  });

  it("exits 0 and prints the table, the report path and the review command", () => {
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^a\s+5\s+0\s+100\.0%\s+81\.3%\s+300 ms\s+480 ms\s+\$0\.00475$/m);
    expect(result.stdout).toContain(`report: ${path.join(dir, "out", "summary.json")}`);
    expect(result.stdout).toContain(
      `npx callgrade review --run ${summary.runId} --config tests/fixtures/suite-small/callgrade.config.ts --store ${path.join(dir, "store.db")}`,
    );
  });

  it("counts cases, calls, validity and the mean field accuracy", () => {
    expect(summary.caseCount).toBe(5);
    const [a, b] = summary.models;
    expect(a).toMatchObject({ id: "a", calls: 5, errors: 0, schemaValidRate: 1, fieldAccuracy: 0.8125 });
    expect(b).toMatchObject({ id: "b", calls: 5, errors: 0, schemaValidRate: 0.8, fieldAccuracy: 0.75 });
  });

  it("scores every field with accuracy, interval, precision, recall and F1", () => {
    const a = summary.models[0]?.fields;
    expect(a?.name).toMatchObject({ accuracy: 0.75, precision: 0.75, recall: 1, n: 4 });
    expect(a?.name?.f1).toBeCloseTo(6 / 7, 10);
    expect(a?.phone).toMatchObject({ accuracy: 1, precision: 1, recall: 1, f1: 1, n: 4 });
    expect(a?.phone?.ci95?.[1]).toBe(1);
    expect(a?.date).toMatchObject({ accuracy: 0.75, n: 4 });
    expect(a?.date?.precision).toBeCloseTo(2 / 3, 10);
    expect(a?.size).toMatchObject({ accuracy: 0.75, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(a?.name?.ci95?.[0]).toBeCloseTo(W34[0], 4);
    expect(a?.name?.ci95?.[1]).toBeCloseTo(W34[1], 4);

    const b = summary.models[1]?.fields;
    // An invalid output is a false negative where gold has a value: recall 2/3, precision stays 1.
    expect(b?.name).toMatchObject({ accuracy: 0.75, precision: 1, n: 4 });
    expect(b?.name?.recall).toBeCloseTo(2 / 3, 10);
    expect(b?.size?.recall).toBe(0.5);
    expect(b?.size?.f1).toBeCloseTo(2 / 3, 10);
  });

  it("leaves free text out of the accuracy and queues it for people", () => {
    expect(summary.models[0]?.fields).not.toHaveProperty("notes");
    expect(summary.review).toEqual({
      queued: 2,
      byReason: { disagreement: 1, "free-text": 1 },
      graded: 0,
      contested: 0,
      interRater: {},
    });
  });

  it("measures agreement across models on every case, gold or not", () => {
    expect(summary.agreement).toEqual({
      name: { rate: 0.4, n: 5 },
      phone: { rate: 0.8, n: 5 },
      date: { rate: 0.6, n: 5 },
      size: { rate: 0.6, n: 5 },
    });
  });

  it("uses recorded latency, tokens and the configured price", () => {
    const a = summary.models[0];
    expect(a?.latencyMs).toEqual({ p50: 300, p95: 480 });
    expect(a?.tokens).toEqual({ input: 5000, output: 500, cachedInput: 2500 });
    // per call: 500 uncached × $1 + 500 cached × $0.5 + 100 out × $2, per million tokens
    expect(a?.costUsd).toBeCloseTo(5 * 0.00095, 12);
    expect(summary.models[1]?.costUsd).toBeNull();
  });

  it("records what was evaluated", () => {
    expect(summary.suite).toBe("small");
    expect(summary.hashes.prompt).toMatch(/^[0-9a-f]{16}$/);
    expect(summary.hashes.knowledgeBase).toMatch(/^[0-9a-f]{16}$/);
    expect(summary.hashes.schema).toMatch(/^[0-9a-f]{16}$/);
    expect(readFileSync(path.join(dir, "out", "report.md"), "utf8")).toContain(
      "| name | 75.0% [30–95] n=4 |",
    );
  });

  it("report re-scores the stored run into the same summary without calling anything", async () => {
    const again = await runCli([
      "report",
      summary.runId,
      "--store",
      path.join(dir, "store.db"),
      "--out",
      path.join(dir, "again"),
    ]);
    expect(again.code).toBe(0);
    const resummary = JSON.parse(readFileSync(path.join(dir, "again", "summary.json"), "utf8"));
    expect(resummary).toEqual(summary);
  });
});

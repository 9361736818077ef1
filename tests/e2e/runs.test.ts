// `callgrade runs` on a store that holds three runs of one suite: the listing, as text and JSON, gives what
// each run's summary.json says, newest first, and marks what changed between runs.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunsListing } from "../../src/api/runs.js";
import type { RunSummary } from "../../src/core/summary.js";
import { ROOT, runCli } from "../helpers/cli.js";

const SMALL = path.join(ROOT, "tests/fixtures/suite-small");

describe("callgrade runs", () => {
  let dir: string;
  let config: string;
  const summaries: RunSummary[] = [];

  async function run(out: string, ...args: string[]): Promise<void> {
    const result = await runCli(["run", "--config", config, "--out", path.join(dir, out), ...args]);
    expect(result.code, result.stderr).toBe(0);
    summaries.push(JSON.parse(readFileSync(path.join(dir, out, "summary.json"), "utf8")));
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-runs-"));
    cpSync(SMALL, dir, { recursive: true });
    config = path.join(dir, "callgrade.config.ts");
    await run("r1");
    // A new knowledge base, and model b now answers as a does: its accuracy moves.
    writeFileSync(
      path.join(dir, "kb.md"),
      `${readFileSync(path.join(dir, "kb.md"), "utf8")}\nLarge groups call ahead.\n`,
    );
    copyFileSync(path.join(dir, "a.jsonl"), path.join(dir, "b.jsonl"));
    await run("r2");
    await run("r3", "--models", "a");
  }, 120_000);

  it("prints the runs newest first as JSON, with the field accuracy each run's summary.json gives", async () => {
    const result = await runCli(["runs", "--config", config, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const listing = JSON.parse(result.stdout) as RunsListing;
    expect(listing.suite).toBe("small");
    const newestFirst = [...summaries].reverse();
    expect(listing.runs.map((r) => r.runId)).toEqual(newestFirst.map((s) => s.runId));
    for (const [i, entry] of listing.runs.entries()) {
      const summary = newestFirst[i] as RunSummary;
      expect(entry).toMatchObject({ suite: "small", status: "finished", scoring: "current" });
      expect(entry.createdAt).toBe(summary.createdAt);
      expect(entry.hashes).toEqual(summary.hashes);
      expect(entry.models).toEqual(summary.models.map((m) => ({ id: m.id, fieldAccuracy: m.fieldAccuracy })));
    }
    // The hand-computed figures of tests/e2e/summary.test.ts, then b answering as a.
    expect(listing.runs[2]?.models).toEqual([
      { id: "a", fieldAccuracy: 0.8125 },
      { id: "b", fieldAccuracy: 0.75 },
    ]);
    expect(listing.runs[1]?.models[1]?.fieldAccuracy).toBe(0.8125);
    expect(listing.runs[0]?.models.map((m) => m.id)).toEqual(["a"]);
  });

  it("prints a table a person reads: a line per run, a column per model, changed hashes starred", async () => {
    const result = await runCli(["runs", "--config", config]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/^run\s+date\s+prompt\s+kb\s+schema\s+a\s+b\s+status$/);
    const [r1, r2, r3] = summaries as [RunSummary, RunSummary, RunSummary];
    const row = (s: RunSummary) => lines.find((line) => line.startsWith(s.runId)) ?? "";
    const kb = (s: RunSummary) => s.hashes.knowledgeBase.slice(0, 8);
    // Newest first; run 3 has no b, so its b cell is blank.
    expect(lines.indexOf(row(r3))).toBeLessThan(lines.indexOf(row(r2)));
    expect(lines.indexOf(row(r2))).toBeLessThan(lines.indexOf(row(r1)));
    expect(row(r1)).toMatch(new RegExp(`\\s${kb(r1)}\\s+\\S+\\s+81\\.3%\\s+75\\.0%\\s+finished$`));
    expect(row(r2)).toMatch(new RegExp(`\\s${kb(r2)}\\*\\s+\\S+\\s+81\\.3%\\s+81\\.3%\\s+finished$`));
    expect(row(r3)).toMatch(new RegExp(`\\s${kb(r3)}\\s+\\S+\\s+81\\.3%\\s+finished$`));
    expect(row(r1)).toContain(`${r1.createdAt.slice(0, 10)} `);
    expect(result.stdout).toContain("* changed since the run below it.");
  });

  it("--limit keeps the newest runs, and --suite names another suite", async () => {
    const limited = await runCli(["runs", "--config", config, "--json", "--limit", "2"]);
    const listing = JSON.parse(limited.stdout) as RunsListing;
    expect(listing.runs.map((r) => r.runId)).toEqual([summaries[2]?.runId, summaries[1]?.runId]);
    const other = await runCli(["runs", "--config", config, "--suite", "<b>other</b>"]);
    expect(other.code).toBe(0);
    expect(other.stdout).toBe(
      'no runs of suite "<b>other</b>" yet: run `callgrade run` first, or name another suite with --suite\n',
    );
  });

  it("without a store says where it looked and exits 2, leaving no store behind", async () => {
    const missing = path.join(dir, "nowhere", "store.db");
    const result = await runCli(["runs", "--store", missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no store at ${missing}`);
    const bad = await runCli(["runs", "--config", config, "--limit", "0"]);
    expect(bad.code).toBe(2);
  });
});

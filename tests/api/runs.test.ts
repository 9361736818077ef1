// listRuns from the library: each run's figures as stored, and what a run without current scores shows.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CallgradeError, listRuns, loadSuite, openStore, run } from "../../src/index.js";
import { ROOT } from "../helpers/cli.js";

const SMALL = path.join(ROOT, "tests/fixtures/suite-small");

describe("listRuns", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-api-runs-"));
    cpSync(SMALL, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("gives a run never scored, one still running and one scored before its calls changed for what they are", async () => {
    const suite = await loadSuite(path.join(dir, "callgrade.config.ts"));
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await run(suite)).runId);
    const [never, running, stale] = ids as [string, string, string, string];
    const store = openStore(suite);
    try {
      store.db.prepare("DELETE FROM scores WHERE run_id = ?").run(never);
      store.db.prepare("UPDATE runs SET status = 'running' WHERE id = ?").run(running);
      store.db.prepare("UPDATE runs SET scored = 'build:0' WHERE id = ?").run(stale);
      store.db.prepare("UPDATE run_revisions SET revision = 7 WHERE run_id = ?").run(stale);
    } finally {
      store.close();
    }
    const listing = await listRuns(suite);
    expect(listing.suite).toBe("small");
    const byId = new Map(listing.runs.map((r) => [r.runId, r]));
    expect(listing.runs.map((r) => r.runId)).toEqual([...ids].reverse());
    expect(byId.get(never)).toMatchObject({ scoring: "none", status: "finished" });
    expect(byId.get(never)?.models.map((m) => m.fieldAccuracy)).toEqual([null, null]);
    expect(byId.get(running)).toMatchObject({ scoring: "current", status: "running" });
    expect(byId.get(running)?.models.map((m) => m.fieldAccuracy)).toEqual([null, null]);
    // Stale scores are still what the run's last report said; the listing says they are stale.
    expect(byId.get(stale)).toMatchObject({ scoring: "stale" });
    expect(byId.get(stale)?.models[0]?.fieldAccuracy).toBe(0.8125);
    expect(listing.runs[0]?.models.map((m) => m.fieldAccuracy)).toEqual([0.8125, 0.75]);
  });

  it("lists every suite's runs without a suite, and refuses a store that does not exist", async () => {
    const suite = await loadSuite(path.join(dir, "callgrade.config.ts"));
    await run(suite);
    const file = path.join(dir, ".callgrade", "callgrade.db");
    const all = await listRuns(undefined, { store: file, limit: 1 });
    expect(all.suite).toBeNull();
    expect(all.runs).toHaveLength(1);
    expect((await listRuns(undefined, { store: file, suiteName: "other" })).runs).toEqual([]);
    await expect(listRuns(undefined, { store: path.join(dir, "none.db") })).rejects.toBeInstanceOf(
      CallgradeError,
    );
  });
});

// The same suite on SQLite and on PostgreSQL: run, report, grade and export gold give the same numbers, the
// same report data and the same gold file. What differs is only where the store is.
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import {
  BUILTIN_REPORTERS,
  exportGold,
  loadSuite,
  openReview,
  type Reporter,
  report,
  run,
} from "../../src/index.js";
import { ROOT } from "../helpers/cli.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

/** Suites whose every number is checked by hand elsewhere: plain, sliced by meta, and with unreadable values. */
const SUITES = ["suite-small", "suite-slices", "suite-unreadable"];

/** What may differ between two runs of the same suite: ids and times, and latencies this machine measured. */
const MEASURED = ["runId", "createdAt", "finishedAt", "latencyMs"];

function comparable(summary: RunSummary): unknown {
  return JSON.parse(JSON.stringify(summary, (key, value) => (MEASURED.includes(key) ? undefined : value)));
}

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
});

afterAll(() => server?.destroy());

describe.each(SUITES)("%s on SQLite and on PostgreSQL", (name) => {
  let dir: string;
  const outcomes: Record<string, { summary: RunSummary; reported: RunSummary; gold: string }> = {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-parity-"));
    // Beside suite-small, whose prompt and answers the others share.
    for (const suite of new Set(["suite-small", name]))
      cpSync(path.join(ROOT, "tests/fixtures", suite), path.join(dir, suite), { recursive: true });
    const suite = await loadSuite(path.join(dir, name, "callgrade.config.ts"));
    const { json } = BUILTIN_REPORTERS;
    const stores = { sqlite: path.join(dir, "store.db"), postgres: server.database(name.replace(/-/g, "_")) };
    for (const [backend, store] of Object.entries(stores)) {
      const out = path.join(dir, backend);
      const result = await run(suite, { store, reporters: [json as Reporter], out });
      // A reviewer settles the first queued field as a person would, then the run is reported again.
      const review = openReview(suite, { store, runId: result.runId, reviewer: "ann" });
      const first = review.session.next()?.fields[0];
      if (!first) throw new Error(`nothing queued on ${backend}`);
      review.session.grade({ itemId: first.itemId, verdict: { kind: "none" } });
      review.close();
      const reported = await report(suite, { store, runId: result.runId });
      const gold = await exportGold(suite, { store, runId: result.runId, out: path.join(out, "gold.jsonl") });
      outcomes[backend] = {
        summary: result.summary,
        reported: reported.summary,
        gold: readFileSync(gold.file, "utf8"),
      };
    }
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("scores the run to the same summary", () => {
    const { sqlite, postgres } = outcomes;
    expect(sqlite?.summary.models.length).toBe(2);
    expect(comparable(postgres?.summary as RunSummary)).toEqual(comparable(sqlite?.summary as RunSummary));
  });

  it("reports the graded run the same, human figures included", () => {
    const { sqlite, postgres } = outcomes;
    expect(sqlite?.reported.review.graded).toBe(1);
    expect(comparable(postgres?.reported as RunSummary)).toEqual(comparable(sqlite?.reported as RunSummary));
  });

  it("exports the same gold", () => {
    const strip = (text: string) => text.replace(/"(run|gradedAt)":"[^"]+"/g, "");
    expect(strip(outcomes.postgres?.gold ?? "")).toBe(strip(outcomes.sqlite?.gold ?? "x"));
  });
});

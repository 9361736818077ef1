// `callgrade store copy`: a team's SQLite store moved into PostgreSQL and back, runs, grades, notes, judgements
// and cache included, each run checked by its rows and by scoring both sides to the same summary.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_REPORTERS, loadSuite, openReview, type Reporter, report, run } from "../../src/index.js";
import { runRowCounts } from "../../src/store/copy.js";
import { type JudgementRecord, Store } from "../../src/store/index.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

describe("callgrade store copy", () => {
  let server: TestPostgres;
  let dir: string;
  let sqlite: string;
  const runIds: string[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    dir = mkdtempSync(path.join(tmpdir(), "cg-copy-"));
    cpSync(path.join(ROOT, "tests/fixtures/suite-small"), dir, { recursive: true });
    sqlite = path.join(dir, "team.db");
    const suite = await loadSuite(path.join(dir, "callgrade.config.ts"));
    for (let i = 0; i < 2; i++) {
      const result = await run(suite, { store: sqlite });
      runIds.push(result.runId);
    }
    // Ann grades, changes her mind (a grade that replaces another), and leaves a note.
    const review = openReview(suite, { store: sqlite, runId: runIds[0], reviewer: "ann" });
    const first = review.session.next()?.fields[0];
    if (!first) throw new Error("nothing queued");
    review.session.grade({ itemId: first.itemId, verdict: { kind: "none" } });
    review.session.grade({ itemId: first.itemId, verdict: { kind: "pick", modelId: "a", value: "Lee" } });
    review.session.note(first.itemId, "Lee, not Li");
    review.close();
    // A judge's verdict on one answer, and its failed call on another.
    const store = Store.open(sqlite);
    const [caseId] = store.db
      .prepare("SELECT case_id FROM cases WHERE run_id = ? ORDER BY idx")
      .pluck()
      .all(runIds[0]) as string[];
    const judged: JudgementRecord = {
      runId: runIds[0] ?? "",
      caseId: caseId ?? "",
      modelId: "a",
      rep: 0,
      field: "name",
      judgeId: "judge",
      text: '{"pass":true,"score":5,"reason":"right"}',
      error: null,
      raw: undefined,
      usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0 },
      costUsd: 0.001,
      latencyMs: 12,
      attempts: 1,
      fromCache: false,
      output: { ok: true, value: { pass: true, score: 5, reason: "right" }, issues: [] },
    };
    store.judgements.recordAll([
      judged,
      {
        ...judged,
        modelId: "b",
        text: null,
        output: null,
        error: { kind: "timeout", message: "slow", retryable: true },
      },
    ]);
    // A provider batch still out: a copy must keep its calls from being sent again from the target.
    const batch = { tag: "t-1", runId: runIds[0] ?? "", modelId: "a", createdAt: "2026-12-07T00:00:00.000Z" };
    store.batches.open(batch, [
      { idx: 0, rep: 0 },
      { idx: 3, rep: 0 },
    ]);
    store.batches.update("t-1", {
      id: "batch_1",
      ended: false,
      status: "in_progress",
      counts: { total: 2, succeeded: 0, failed: 0 },
      createdAt: batch.createdAt,
      expiresAt: "2026-12-08T00:00:00.000Z",
      endedAt: null,
    });
    store.close();
  });

  afterAll(() => server?.destroy());

  it("copies every run into PostgreSQL, says what it copied, and a second copy leaves them", async () => {
    const into = await runCli(["store", "copy", sqlite, server.url], { cwd: dir });
    expect(into.stderr).toBe("");
    expect(into.code).toBe(0);
    expect(into.stdout).toMatch(
      /^copied 2 runs \(20 calls, 2 grades\) and \d+ cache rows? from .*team\.db to postgres:\/\/callgrade:\*\*\*@/,
    );
    expect(into.stdout).toContain("checked: each run's rows match on both sides");
    expect(into.stdout).not.toContain(server.password);
    const again = await runCli(["store", "copy", sqlite, server.url], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`left 2 runs postgres://callgrade:***@`);
    expect(again.stdout).toContain(runIds.join(", "));
  });

  it("holds each run whole on PostgreSQL: rows, the grade that was replaced, the note, the same report", async () => {
    const from = Store.open(sqlite);
    const to = Store.open(server.url);
    for (const runId of runIds) expect(runRowCounts(to.db, runId)).toEqual(runRowCounts(from.db, runId));
    const replaced = to.db
      .prepare(
        "SELECT COUNT(*) FROM grades g JOIN grades r ON r.id = g.replaces WHERE r.undone_at IS NOT NULL",
      )
      .pluck()
      .get();
    expect(replaced).toBe(1);
    expect(to.review.notes(runIds[0] ?? "").map((n) => n.text)).toEqual(["Lee, not Li"]);
    expect(to.judgements.forRun(runIds[0] ?? "").map((j) => j.status)).toEqual(["ok", "error"]);
    expect(to.judgements.forRun(runIds[0] ?? "")).toEqual(from.judgements.forRun(runIds[0] ?? ""));
    expect(to.batches.forRun(runIds[0] ?? "")).toEqual(from.batches.forRun(runIds[0] ?? ""));
    // Cases 0 and 3 are still at the provider: the target knows, and will not send them again.
    const calls = to.db.prepare("SELECT idx, rep FROM batch_calls WHERE tag = 't-1' ORDER BY idx").all();
    expect(calls).toEqual([
      { idx: 0, rep: 0 },
      { idx: 3, rep: 0 },
    ]);
    from.close();
    to.close();
    const suite = await loadSuite(path.join(dir, "callgrade.config.ts"));
    const { json } = BUILTIN_REPORTERS;
    const reports = [];
    for (const store of [sqlite, server.url]) {
      const out = path.join(dir, `report-${reports.length}`);
      await report(suite, { store, runId: runIds[0], reporters: [json as Reporter], out });
      reports.push(readFileSync(path.join(out, "summary.json"), "utf8"));
    }
    expect(reports[1]).toBe(reports[0]);
  });

  it("copies back into a new SQLite file", async () => {
    const back = path.join(dir, "back.db");
    const result = await runCli(["store", "copy", server.url, back], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^copied 2 runs \(20 calls, 2 grades\)/);
    const copy = Store.open(back);
    expect(
      copy.runs
        .list()
        .map((r) => r.id)
        .sort(),
    ).toEqual([...runIds].sort());
    expect(copy.judgements.count(runIds[0] ?? "")).toBe(2);
    copy.close();
  });
});

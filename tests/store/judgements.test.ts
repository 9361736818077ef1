// A judge model's verdicts, stored on both backends: each with its call's usage and cost, replaced when a
// resume asks again, settled as calls are, read in the dataset's order, and kept across migration 11.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CallError } from "../../src/core/types.js";
import { type JudgementRecord, judgementKey, Store } from "../../src/store/index.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { PgDb } from "../../src/store/pg/db.js";
import { PG_MIGRATIONS } from "../../src/store/pg/schema.js";
import { BACKENDS, storePlace, useBackend } from "../helpers/backends.js";
import { sqliteOf } from "../helpers/sqlite.js";

const open: Store[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function openStore(place = storePlace("cg-judgements-")): Store {
  const store = Store.open(place);
  open.push(store);
  return store;
}

const RUN = {
  suite: "s",
  createdAt: "2026-01-01T00:00:00.000Z",
  configFile: null,
  hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
  models: [
    { id: "a", provider: "replay" },
    { id: "b", provider: "replay" },
  ],
  fields: [{ name: "note", match: { kind: "free-text" as const } }],
  scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
  repeat: 2,
  skipped: [],
  knowledgeBase: "",
  review: { overlap: 0, leaseMinutes: 15, passRating: 3 },
};

const caseOf = (id: string) => ({ id, transcript: `call ${id}`, meta: {}, source: { file: "f", line: 1 } });

/** A run whose dataset lists z1 before a2: forRun follows the dataset, not the ids. */
function seed(store: Store, runId = "r1"): void {
  store.runs.create({ ...RUN, id: runId }, [caseOf("z1"), caseOf("a2")]);
}

const verdict = { pass: true, score: 4, reason: "names the callback time" };

function judgement(over: Partial<JudgementRecord> = {}): JudgementRecord {
  return {
    runId: "r1",
    caseId: "z1",
    modelId: "a",
    rep: 0,
    field: "note",
    judgeId: "judge",
    text: JSON.stringify(verdict),
    error: null,
    raw: undefined,
    usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
    costUsd: 0.0004,
    latencyMs: 250,
    attempts: 1,
    fromCache: false,
    output: { ok: true, value: verdict, issues: [] },
    ...over,
  };
}

const failure = (kind: CallError["kind"], message: string): CallError => ({ kind, message, retryable: true });

describe.each(BACKENDS)("store.judgements on %s", (backend) => {
  beforeAll(() => useBackend(backend));

  it("keeps a verdict, an answer that is no verdict, and a failed judge call, each with its figures", () => {
    const store = openStore();
    seed(store);
    store.judgements.recordAll([
      judgement(),
      judgement({
        modelId: "b",
        text: "I think it is fine",
        output: {
          ok: false,
          reason: "no_json",
          issues: [{ path: "", message: "no JSON object in the answer", code: "no_json" }],
        },
      }),
      judgement({
        caseId: "a2",
        text: null,
        error: failure("rate_limit", "429 slow down"),
        output: null,
        usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 },
        costUsd: null,
        attempts: 3,
      }),
    ]);
    const [ok, invalid, failed] = store.judgements.forRun("r1");
    expect(ok).toEqual({
      caseId: "z1",
      modelId: "a",
      rep: 0,
      field: "note",
      judgeId: "judge",
      status: "ok",
      verdict,
      issues: [],
      error: null,
      inputTokens: 120,
      outputTokens: 30,
      costUsd: 0.0004,
      latencyMs: 250,
      attempts: 1,
      fromCache: false,
    });
    expect(invalid).toMatchObject({
      modelId: "b",
      status: "invalid",
      verdict: null,
      issues: ["no JSON object in the answer"],
      error: null,
    });
    expect(failed).toMatchObject({
      caseId: "a2",
      status: "error",
      verdict: null,
      issues: [],
      error: { kind: "rate_limit", message: "429 slow down" },
      costUsd: null,
      attempts: 3,
    });
    expect(store.judgements.count("r1")).toBe(3);
    expect(store.judgements.count("elsewhere")).toBe(0);
  });

  it("a retried failure stored again replaces it: one judgement, now a verdict", () => {
    const store = openStore();
    seed(store);
    store.judgements.recordAll([judgement({ error: failure("timeout", "took too long"), output: null })]);
    expect(store.judgements.forRun("r1").map((j) => j.status)).toEqual(["error"]);
    store.judgements.recordAll([judgement({ attempts: 2 })]);
    const stored = store.judgements.forRun("r1");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: "ok", verdict, error: null, attempts: 2 });
  });

  it("the same judgement twice in one batch is stored once, as the later says", () => {
    const store = openStore();
    seed(store);
    store.judgements.recordAll([
      judgement({ error: failure("timeout", "took too long"), output: null }),
      judgement({ output: { ok: true, value: { ...verdict, score: 2, pass: false }, issues: [] } }),
    ]);
    expect(store.judgements.forRun("r1").map((j) => j.verdict)).toEqual([
      { ...verdict, score: 2, pass: false },
    ]);
  });

  it("writes the judge's fresh answer to the response cache with the judgement", () => {
    const store = openStore();
    seed(store);
    const response = {
      text: JSON.stringify(verdict),
      usage: judgement().usage,
      finishReason: "stop",
      latencyMs: 250,
    };
    store.judgements.recordAll([judgement({ cache: { key: "judge-key-1", response } })]);
    expect(store.cache.get("judge-key-1")).toEqual(response);
    expect(store.db.prepare("SELECT model FROM cache WHERE key = ?").pluck().get("judge-key-1")).toBe(
      "judge",
    );
  });

  it("is all or nothing: a batch the store refuses leaves neither judgements nor cache rows", () => {
    const store = openStore();
    seed(store);
    const response = { text: "{}", usage: judgement().usage, finishReason: "stop", latencyMs: 1 };
    expect(() =>
      store.judgements.recordAll([
        judgement({ cache: { key: "k-first", response } }),
        // No such run: its foreign key fails the whole transaction.
        judgement({ runId: "missing", cache: { key: "k-second", response } }),
      ]),
    ).toThrow();
    expect(store.judgements.count("r1")).toBe(0);
    expect(store.cache.get("k-first")).toBeUndefined();
  });

  it("on a resume, settles verdicts, non-verdicts and lasting failures, not retryable ones", () => {
    const store = openStore();
    seed(store);
    store.judgements.recordAll([
      judgement(),
      judgement({ modelId: "b", output: { ok: false, reason: "schema", issues: [] } }),
      judgement({ rep: 1, error: failure("rate_limit", "429"), output: null }),
      judgement({ caseId: "a2", error: failure("auth", "bad key"), output: null }),
      judgement({ caseId: "a2", judgeId: "judge-2", error: failure("timeout", "slow"), output: null }),
    ]);
    expect(store.judgements.settled("r1", ["rate_limit", "timeout"])).toEqual(
      new Set([
        judgementKey("z1", "a", 0, "note", "judge"),
        judgementKey("z1", "b", 0, "note", "judge"),
        judgementKey("a2", "a", 0, "note", "judge"),
      ]),
    );
    expect(store.judgements.settled("r1", []).size).toBe(5);
    expect(judgementKey("c", "m", 1, "f", "j")).toBe("c\u0000m\u00001\u0000f\u0000j");
  });

  it("reads a run's judgements in dataset order, then by model, repetition, field and judge", () => {
    const store = openStore();
    seed(store);
    seed(store, "r2");
    const keys: [string, string, number, string, string][] = [
      ["a2", "b", 0, "note", "judge"],
      ["z1", "b", 0, "note", "judge"],
      ["a2", "a", 1, "note", "judge"],
      ["z1", "a", 1, "note", "judge"],
      ["z1", "a", 0, "summary", "judge"],
      ["z1", "a", 0, "note", "judge-b"],
      ["z1", "a", 0, "note", "judge-a"],
      ["a2", "a", 0, "note", "judge"],
    ];
    store.judgements.recordAll(
      keys.map(([caseId, modelId, rep, field, judgeId]) =>
        judgement({ caseId, modelId, rep, field, judgeId }),
      ),
    );
    store.judgements.recordAll([judgement({ runId: "r2" })]);
    expect(
      store.judgements.forRun("r1").map((j) => [j.caseId, j.modelId, j.rep, j.field, j.judgeId]),
    ).toEqual([
      ["z1", "a", 0, "note", "judge-a"],
      ["z1", "a", 0, "note", "judge-b"],
      ["z1", "a", 0, "summary", "judge"],
      ["z1", "a", 1, "note", "judge"],
      ["z1", "b", 0, "note", "judge"],
      ["a2", "a", 0, "note", "judge"],
      ["a2", "a", 1, "note", "judge"],
      ["a2", "b", 0, "note", "judge"],
    ]);
  });

  it("stores a verdict marked valid but malformed as an answer that was no verdict, with why", () => {
    const store = openStore();
    seed(store);
    store.judgements.recordAll([
      judgement({ output: { ok: true, value: { pass: "yes", score: 4, reason: "ok" }, issues: [] } }),
      judgement({
        modelId: "b",
        output: { ok: true, value: { pass: true, score: 3.5, reason: "x" }, issues: [] },
      }),
      judgement({ rep: 1, output: { ok: true, value: { pass: true, score: 9, reason: "x" }, issues: [] } }),
    ]);
    const stored = store.judgements.forRun("r1");
    expect(stored.map((j) => [j.status, j.verdict])).toEqual([
      ["invalid", null],
      ["invalid", null],
      ["invalid", null],
    ]);
    for (const j of stored) expect(j.issues[0]).toMatch(/marked valid but is not a verdict/);
    expect(stored[0]?.issues[1]).toMatch(/^pass: /);
    expect(stored[1]?.issues[1]).toMatch(/^score: /);
    expect(store.judgements.settled("r1", ["rate_limit"]).size).toBe(3);
  });

  it("counts in its run's revision, and goes with its run", () => {
    const store = openStore();
    seed(store);
    const before = store.runs.scoringState("r1").revision;
    store.judgements.recordAll([judgement()]);
    const inserted = store.runs.scoringState("r1").revision;
    expect(inserted).toBeGreaterThan(before);
    store.judgements.recordAll([judgement({ attempts: 2 })]);
    expect(store.runs.scoringState("r1").revision).toBeGreaterThan(inserted);
    store.db.prepare("DELETE FROM runs WHERE id = ?").run("r1");
    expect(store.judgements.count("r1")).toBe(0);
  });
});

/** A run with one call, as a store at the schema before judgements holds it. */
const OLD_ROWS = `
  INSERT INTO runs (id, suite, created_at, status, hashes, models, fields, scoring, repeat)
    VALUES ('r1', 's', '2026-01-01', 'finished', '{}', '[]', '[]', '{}', 1);
  INSERT INTO cases (run_id, case_id, idx, transcript, meta) VALUES ('r1', 'z1', 0, '"hi"', '{}');
  INSERT INTO calls (run_id, case_id, model_id, rep, status, input_tokens, output_tokens, cached_input_tokens,
      latency_ms, attempts, from_cache, finished_at)
    VALUES ('r1', 'z1', 'a', 0, 'ok', 0, 0, 0, 1, 1, 0, 't');`;

function expectMigrated(store: Store): void {
  expect(store.calls.forRun("r1").map((c) => c.modelId)).toEqual(["a"]);
  expect(store.judgements.count("r1")).toBe(0);
  const revision = store.runs.scoringState("r1").revision;
  store.judgements.recordAll([judgement()]);
  expect(store.judgements.forRun("r1").map((j) => j.verdict)).toEqual([verdict]);
  expect(store.runs.scoringState("r1").revision).toBeGreaterThan(revision);
}

describe("the judgements migration", () => {
  it("SQLite: a store at schema 10 migrates to 11 and keeps its runs and calls", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cg-judgements-")), "callgrade.db");
    const db = new Database(file);
    for (const [version, sql] of MIGRATIONS.slice(0, 10).entries()) {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    }
    db.exec(OLD_ROWS);
    db.close();
    const store = openStore(file);
    expect(MIGRATIONS).toHaveLength(13);
    expect(sqliteOf(store).pragma("user_version", { simple: true })).toBe(13);
    expectMigrated(store);
  });

  it("PostgreSQL: a store at its first schema (SQLite's 10) migrates and keeps its runs", async () => {
    await useBackend("postgres");
    const place = storePlace("cg-judgements-pg-");
    const db = new PgDb(place);
    db.transaction(() => {
      db.exec("CREATE TABLE callgrade_schema (version INTEGER NOT NULL)");
      db.exec(PG_MIGRATIONS[0] ?? "");
      db.exec("INSERT INTO callgrade_schema (version) VALUES (1)");
      db.exec(OLD_ROWS);
    })();
    db.close();
    const store = openStore(place);
    expect(store.db.prepare("SELECT version FROM callgrade_schema").pluck().all()).toEqual([
      PG_MIGRATIONS.length,
    ]);
    expect(PG_MIGRATIONS).toHaveLength(4);
    expectMigrated(store);
  });
});

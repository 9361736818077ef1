import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Verdict } from "../../src/core/types.js";
import { Store } from "../../src/store/index.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { BACKENDS, storePlace, useBackend } from "../helpers/backends.js";
import { sqliteOf } from "../helpers/sqlite.js";

const open: Store[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

/** A new store's place: on the backend of the tests running (see tests/helpers/backends.ts). */
function tempFile(): string {
  return storePlace("cg-review-store-");
}

/** A new SQLite file, for what only SQLite has (its migrations from old schemas). */
function sqliteFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "cg-review-store-")), "callgrade.db");
}

function openStore(file = tempFile()): Store {
  const store = Store.open(file);
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
  fields: [
    { name: "name", match: { kind: "text" as const } },
    { name: "note", match: { kind: "free-text" as const } },
  ],
  scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
  repeat: 1,
  skipped: [],
  knowledgeBase: "",
  review: { overlap: 0, leaseMinutes: 15, passRating: 3 },
};

const caseOf = (id: string) => ({ id, transcript: `call ${id}`, meta: {}, source: { file: "f", line: 1 } });

/** A run with cases c1, c2, c3 (dataset order) and review items on c3 and c1. */
function seed(store: Store, runId = "r1"): Record<string, number> {
  store.runs.create({ ...RUN, id: runId }, [caseOf("c1"), caseOf("c2"), caseOf("c3")]);
  store.results.replace(
    runId,
    [],
    [],
    [
      {
        caseId: "c3",
        field: "name",
        reason: "disagreement",
        modelValues: { a: "Ann", b: "Anne" },
        priority: 2,
      },
      {
        caseId: "c1",
        field: "name",
        reason: "invalid",
        modelValues: { a: "Bo", b: { invalid: ["x"] } },
        priority: 2,
      },
      { caseId: "c1", field: "note", reason: "free-text", modelValues: { a: "hi", b: "hey" }, priority: 0 },
    ],
  );
  const rows = store.db
    .prepare("SELECT id, case_id, field FROM review_items WHERE run_id = ?")
    .all(runId) as {
    id: number;
    case_id: string;
    field: string;
  }[];
  return Object.fromEntries(rows.map((row) => [`${row.case_id}.${row.field}`, row.id]));
}

const pickA: Verdict = { kind: "pick", modelId: "a", value: "Ann" };

describe.each(BACKENDS)("store.review on %s", (backend) => {
  beforeAll(() => useBackend(backend));

  it("reads a run's review items grouped by case, in dataset order, with model values parsed", () => {
    const store = openStore();
    const ids = seed(store);
    const cases = store.review.cases("r1");
    expect(cases.map((c) => [c.caseId, c.caseIdx, c.items.map((i) => i.field)])).toEqual([
      ["c1", 0, ["name", "note"]],
      ["c3", 2, ["name"]],
    ]);
    expect(cases[0]?.items[0]).toEqual({
      id: ids["c1.name"],
      caseId: "c1",
      caseIdx: 0,
      field: "name",
      reason: "invalid",
      priority: 2,
      modelValues: { a: "Bo", b: { invalid: ["x"] } },
    });
    expect(store.review.item(ids["c3.name"] ?? 0)?.runId).toBe("r1");
    expect(store.review.case("r1", "c3")?.transcript).toBe("call c3");
  });

  it("stores each kind of verdict in its columns and reads it back", () => {
    const store = openStore();
    const ids = seed(store);
    const item = ids["c3.name"] ?? 0;
    const verdicts: Verdict[] = [
      pickA,
      { kind: "edit", value: "Annie" },
      { kind: "none" },
      { kind: "gold", value: "Ann", previousGold: "An" },
      { kind: "rating", ratings: { a: { score: 4, pass: true }, b: { score: 2, pass: false } } },
    ];
    verdicts.forEach((verdict, index) => {
      store.review.record(item, `rev${index}`, verdict, `2026-01-02T00:00:0${index}.000Z`);
    });
    const raw = store.db
      .prepare("SELECT verdict, value, model_id, ratings, previous_gold FROM grades ORDER BY id")
      .all();
    expect(raw).toEqual([
      { verdict: "pick", value: '"Ann"', model_id: "a", ratings: null, previous_gold: null },
      { verdict: "edit", value: '"Annie"', model_id: null, ratings: null, previous_gold: null },
      { verdict: "none", value: null, model_id: null, ratings: null, previous_gold: null },
      { verdict: "gold", value: '"Ann"', model_id: null, ratings: null, previous_gold: '"An"' },
      {
        verdict: "rating",
        value: null,
        model_id: null,
        ratings: '{"a":{"score":4,"pass":true},"b":{"score":2,"pass":false}}',
        previous_gold: null,
      },
    ]);
    const grades = store.review.grades("r1");
    expect(grades.map((g) => g.verdict)).toEqual(verdicts);
    expect(grades[0]).toMatchObject({ itemId: item, caseId: "c3", field: "name", reviewer: "rev0" });
    expect(grades[0]?.createdAt).toBe("2026-01-02T00:00:00.000Z");
  });

  it("a re-grade replaces the reviewer's grade, and undoing it brings the earlier grade back", () => {
    const store = openStore();
    const ids = seed(store);
    const item = ids["c3.name"] ?? 0;
    store.review.record(item, "ann", pickA, "2026-01-02T00:00:00.000Z");
    store.review.record(item, "ann", { kind: "none" }, "2026-01-02T00:00:01.000Z");
    expect(store.review.grades("r1").map((g) => g.verdict)).toEqual([{ kind: "none" }]);
    expect(store.review.undo("r1", "ann")).toMatchObject({ itemId: item, caseId: "c3" });
    expect(store.review.grades("r1").map((g) => g.verdict)).toEqual([pickA]);
    expect(store.review.undo("r1", "ann")).toMatchObject({ itemId: item });
    expect(store.review.grades("r1")).toEqual([]);
    expect(store.review.undo("r1", "ann")).toBeUndefined();
  });

  it("undo takes back only this reviewer's most recent grade in this run", () => {
    const store = openStore();
    const ids = seed(store);
    const other = seed(store, "r2");
    store.review.record(ids["c1.name"] ?? 0, "ann", pickA);
    store.review.record(ids["c3.name"] ?? 0, "ann", pickA);
    store.review.record(ids["c3.name"] ?? 0, "bob", pickA);
    store.review.record(other["c1.name"] ?? 0, "ann", pickA);
    expect(store.review.lastGrade("r1", "ann")).toMatchObject({ caseId: "c3" });
    expect(store.review.undo("r1", "ann", "2026-01-03T00:00:00.000Z")).toMatchObject({ caseId: "c3" });
    const left = store.review.grades("r1").map((g) => `${g.reviewer}:${g.caseId}`);
    expect(left).toEqual(["ann:c1", "bob:c3"]);
    expect(store.review.grades("r2")).toHaveLength(1);
    const undone = store.db.prepare("SELECT undone_at FROM grades WHERE undone_at IS NOT NULL").all();
    expect(undone).toEqual([{ undone_at: "2026-01-03T00:00:00.000Z" }]);
  });

  it("a lease is exclusive across connections until it expires, renewable and releasable by its holder", () => {
    const file = tempFile();
    const one = openStore(file);
    const two = openStore(file);
    seed(one);
    const minute = 60_000;
    expect(one.review.acquire("r1", "c1", "ann", 0, 15 * minute)).toBe(true);
    expect(two.review.acquire("r1", "c1", "bob", 14 * minute, 15 * minute)).toBe(false);
    expect(one.review.acquire("r1", "c1", "ann", 14 * minute, 15 * minute)).toBe(true);
    expect(two.review.acquire("r1", "c1", "bob", 20 * minute, 15 * minute)).toBe(false);
    expect(two.review.leases("r1", 20 * minute)).toEqual(new Map([["c1", "ann"]]));
    expect(two.review.acquire("r1", "c1", "bob", 29 * minute, 15 * minute)).toBe(true);
    expect(one.review.renew("r1", "c1", "ann", 29 * minute, 15 * minute)).toBe(false);
    expect(two.review.renew("r1", "c1", "bob", 30 * minute, 15 * minute)).toBe(true);
    one.review.release("r1", "c1", "ann");
    expect(one.review.leases("r1", 30 * minute).get("c1")).toBe("bob");
    two.review.release("r1", "c1", "bob");
    expect(one.review.acquire("r1", "c1", "ann", 31 * minute, 15 * minute)).toBe(true);
  });

  it("a claim takes the first case of the reviewer's order that is free or theirs, and nothing else", () => {
    const file = tempFile();
    const one = openStore(file);
    const two = openStore(file);
    seed(one);
    const minute = 60_000;
    expect(one.review.claim("r1", ["c3"], "ann", 0, 15 * minute)).toBeUndefined();
    one.review.openLeases("r1", ["c1", "c2", "c3"]);
    two.review.openLeases("r1", ["c1", "c2", "c3"]);
    expect(one.review.leases("r1", 0)).toEqual(new Map());
    expect(one.review.claim("r1", ["c3", "c1", "c2"], "ann", 0, 15 * minute)).toBe("c3");
    expect(two.review.claim("r1", ["c3", "c1"], "bob", minute, 15 * minute)).toBe("c1");
    expect(two.review.claim("r1", ["c3", "c1"], "cy", minute, 15 * minute)).toBeUndefined();
    // A reviewer's own lease is theirs to claim again (renewed); an expired one is anyone's.
    expect(one.review.claim("r1", ["c3"], "ann", 10 * minute, 15 * minute)).toBe("c3");
    expect(two.review.claim("r1", ["c3", "c2"], "cy", 20 * minute, 15 * minute)).toBe("c2");
    expect(two.review.claim("r1", ["c3", "c2"], "cy", 26 * minute, 15 * minute)).toBe("c3");
    expect(one.review.leases("r1", 26 * minute)).toEqual(
      new Map([
        ["c2", "cy"],
        ["c3", "cy"],
      ]),
    );
    one.review.release("r1", "c2", "cy");
    expect(one.review.claim("r1", ["c2"], "ann", 26 * minute, 15 * minute)).toBe("c2");
    expect(one.review.claim("r1", [], "ann", 26 * minute, 15 * minute)).toBeUndefined();
  });

  it("keeps notes and lists a reviewer's grade times for pace", () => {
    const store = openStore();
    const ids = seed(store);
    store.review.note(ids["c3.name"] ?? 0, "ann", "both spellings occur", "2026-01-02T10:00:00.000Z");
    expect(store.review.notes("r1")).toEqual([
      expect.objectContaining({ caseId: "c3", field: "name", reviewer: "ann", text: "both spellings occur" }),
    ]);
    store.review.record(ids["c3.name"] ?? 0, "ann", pickA, "2026-01-02T09:00:00.000Z");
    store.review.record(ids["c1.name"] ?? 0, "ann", pickA, "2026-01-02T10:00:00.000Z");
    store.review.record(ids["c1.note"] ?? 0, "bob", { kind: "none" }, "2026-01-02T10:30:00.000Z");
    expect(store.review.activity("r1", "ann", "2026-01-02T09:30:00.000Z")).toEqual([
      "2026-01-02T10:00:00.000Z",
    ]);
    expect(store.review.marks("r1", "c1")).toEqual([
      { itemId: ids["c1.name"], reviewer: "ann" },
      { itemId: ids["c1.note"], reviewer: "bob" },
    ]);
  });
});

describe("store.review on PostgreSQL", () => {
  beforeAll(() => useBackend("postgres"));

  it("a claim passes over a case another claim holds locked, without waiting for it", () => {
    const place = tempFile();
    const one = openStore(place);
    const two = openStore(place);
    seed(one);
    const leaseMs = 15 * 60_000;
    let meanwhile: string | undefined;
    one.review.openLeases("r1", ["c1", "c2", "c3"]);
    // Were the claim to wait for ann's lock, it would fail here instead of hanging the test.
    two.db.exec("SET lock_timeout = '3s'");
    // ann's claim of c3 is not committed yet when bob asks: bob neither waits nor gets c3 (SKIP LOCKED).
    one.db.transaction(() => {
      expect(one.review.claim("r1", ["c3", "c1"], "ann", 0, leaseMs)).toBe("c3");
      const started = Date.now();
      meanwhile = two.review.claim("r1", ["c3", "c1"], "bob", 0, leaseMs);
      expect(Date.now() - started).toBeLessThan(5_000);
    })();
    expect(meanwhile).toBe("c1");
    expect(two.review.leases("r1", 1)).toEqual(
      new Map([
        ["c1", "bob"],
        ["c3", "ann"],
      ]),
    );
  });
});

describe("store.review on SQLite", () => {
  it("a store at schema 2 with a grade migrates and keeps it, and the grade can be undone", () => {
    const file = sqliteFile();
    const db = new Database(file);
    for (const [version, sql] of MIGRATIONS.slice(0, 2).entries()) {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    }
    db.exec(`
      INSERT INTO runs (id, suite, created_at, status, hashes, models, fields, scoring, repeat)
        VALUES ('r1', 's', 'now', 'finished', '{}', '[]', '[]', '{}', 1);
      INSERT INTO cases (run_id, case_id, idx, transcript, meta) VALUES ('r1', 'c1', 0, '"hi"', '{}');
      INSERT INTO review_items (id, run_id, case_id, field, reason, model_values, priority)
        VALUES (7, 'r1', 'c1', 'name', 'disagreement', '{"a":"x","b":"y"}', 2);
      INSERT INTO grades (review_item_id, reviewer, verdict, value, model_id, created_at)
        VALUES (7, 'ann', 'pick', '"x"', 'a', '2026-01-01T00:00:00.000Z');
    `);
    db.close();
    const store = openStore(file);
    expect(sqliteOf(store).pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(store.review.grades("r1").map((g) => g.verdict)).toEqual([
      { kind: "pick", modelId: "a", value: "x" },
    ]);
    expect(store.review.undo("r1", "ann")).toEqual({ gradeId: 1, itemId: 7, caseId: "c1" });
    expect(store.review.grades("r1")).toEqual([]);
  });
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import type { Case } from "../../src/core/types.js";
import { Store } from "../../src/store/index.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import type { ScoreRow } from "../../src/store/results.js";
import { BACKENDS, storePlace, useBackend } from "../helpers/backends.js";
import { sqliteOf } from "../helpers/sqlite.js";

const RUN = {
  id: "r1",
  suite: "s",
  createdAt: "2026-01-01T00:00:00.000Z",
  configFile: null,
  hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
  models: [{ id: "m", provider: "replay" }],
  fields: [{ name: "a", match: { kind: "text" as const } }],
  scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
  repeat: 1,
  skipped: [],
  knowledgeBase: "",
  review: { overlap: 0, leaseMinutes: 15, passRating: 3 },
};

/** A new store's place on the backend of the tests running (see tests/helpers/backends.ts). */
function storeFile(): string {
  return storePlace("cg-results-");
}

/** A new SQLite file, for the tests of what only SQLite has. */
function sqliteFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "cg-results-")), "callgrade.db");
}

// Ids out of alphabetical order, so dataset order and id order differ.
function cases(n: number): Case[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${(i * 7919) % n}`,
    transcript: `call ${i}`,
    gold: { a: `gold ${i}` },
    meta: { callDate: `2026-01-${String((i % 28) + 1).padStart(2, "0")}` },
    source: { file: "f", line: i + 1 },
  }));
}

const score = (caseId: string, correct: boolean): ScoreRow => ({
  caseId,
  modelId: "m",
  rep: 0,
  field: "a",
  correct,
  outcome: correct ? "tp" : "wrong",
  gold: { kind: "value", value: "x" },
  predicted: { kind: "value", value: correct ? "x" : "y" },
});

describe.each(BACKENDS)("results of a re-scoring, on %s", (backend) => {
  beforeAll(() => useBackend(backend));

  it("leave the store writable by others while they are made", () => {
    const file = storeFile();
    const store = Store.open(file);
    const other = Store.open(file);
    // SQLite: a write that had to wait for the re-scoring would fail at once instead.
    if (backend === "sqlite") sqliteOf(other).pragma("busy_timeout = 0");
    store.runs.create(RUN, cases(3));
    store.results.rewrite("r1", (sink) => {
      sink.score(score("c0", true));
      other.runs.finish("r1", "finished");
    });
    expect(store.runs.get("r1")?.status).toBe("finished");
    expect(store.results.scores("r1")).toHaveLength(1);
    store.close();
    other.close();
  });

  it("replace the run's only when all are made: a failure half-way keeps the old ones", () => {
    const store = Store.open(storeFile());
    store.runs.create(RUN, cases(3));
    store.results.replace("r1", [score("c0", true)], [], []);
    expect(() =>
      store.results.rewrite("r1", (sink) => {
        sink.score(score("c1", false));
        throw new Error("scoring broke");
      }),
    ).toThrow("scoring broke");
    expect(store.results.scores("r1")).toEqual([score("c0", true)]);
    store.close();
  });

  it("are counted by model, field and outcome, as summary metrics read them", () => {
    const store = Store.open(storeFile());
    store.runs.create(RUN, cases(3));
    const invalidNoGold = { ...score("c2", false), outcome: "invalid", gold: { kind: "none" } };
    store.results.replace("r1", [score("c0", true), score("c1", false), invalidNoGold], [], []);
    expect(store.results.outcomeCounts("r1")).toEqual(
      expect.arrayContaining([
        { modelId: "m", field: "a", outcome: "tp", correct: true, goldNone: false, n: 1 },
        { modelId: "m", field: "a", outcome: "wrong", correct: false, goldNone: false, n: 1 },
        { modelId: "m", field: "a", outcome: "invalid", correct: false, goldNone: true, n: 1 },
      ]),
    );
    store.close();
  });
});

describe.each(BACKENDS)("cases read page by page, on %s", (backend) => {
  beforeAll(() => useBackend(backend));

  it("come in dataset order across pages, with gold and meta and without transcripts", () => {
    const store = Store.open(storeFile());
    const all = cases(250);
    store.runs.create(RUN, all);
    const pages = [...store.runs.casePages("r1", 100)];
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    expect(pages.flat()).toEqual(all.map(({ id, gold, meta }) => ({ id, gold, meta })));
    expect(store.runs.caseIds("r1")).toEqual(all.map((item) => item.id));
    store.close();
  });
});

describe("outcome counts kept beside the scores", () => {
  const fresh = (store: Store | Database.Database) =>
    ("db" in store ? (store.db as Database.Database) : store)
      .prepare(
        `SELECT model_id AS modelId, field, outcome, correct, COUNT(*) AS n,
           CASE WHEN outcome = 'invalid' THEN json_extract(gold, '$.kind') = 'none' ELSE 0 END AS goldNone
         FROM scores WHERE run_id = 'r1' GROUP BY 1, 2, 3, 4, 6 ORDER BY 1, 2, 3, 4, 6`,
      )
      .all()
      .map((row) => {
        const r = row as { correct: number; goldNone: number };
        return { ...r, correct: r.correct === 1, goldNone: r.goldNone === 1 };
      });

  it("are what counting the scores gives, after each re-scoring, and gone with the run", () => {
    const store = Store.open(sqliteFile());
    store.runs.create(RUN, cases(6));
    store.results.rewrite("r1", (sink) => {
      for (const i of [0, 1, 2, 3]) sink.score(score(`c${i}`, i % 2 === 0));
      sink.score({
        ...score("c4", false),
        outcome: "invalid",
        gold: { kind: "none" },
        predicted: { kind: "none" },
      });
    });
    expect(store.results.outcomeCounts("r1")).toEqual(fresh(store));
    expect(store.results.outcomeCounts("r1").reduce((sum, row) => sum + row.n, 0)).toBe(5);
    store.results.rewrite("r1", (sink) => {
      for (const i of [0, 1]) sink.score(score(`c${i}`, true));
    });
    expect(store.results.outcomeCounts("r1")).toEqual([
      { modelId: "m", field: "a", outcome: "tp", correct: true, n: 2, goldNone: false },
    ]);
    store.db.prepare("DELETE FROM runs WHERE id = 'r1'").run();
    expect(store.db.prepare("SELECT COUNT(*) FROM outcome_counts").pluck().get()).toBe(0);
    store.close();
  });

  it("are counted for the runs a store already held when it is opened by this version", () => {
    const file = sqliteFile();
    // A store as the version before outcome_counts left it: a run with its scores, and no counts beside them.
    const old = new Database(file);
    const before = MIGRATIONS.findIndex((sql) => sql.includes("CREATE TABLE outcome_counts"));
    old.transaction(() => {
      for (const migration of MIGRATIONS.slice(0, before)) old.exec(migration);
    })();
    old.pragma(`user_version = ${before}`);
    old.exec(`INSERT INTO runs (id, suite, created_at, status, hashes, models, fields, scoring, repeat)
      VALUES ('r1', 's', '2026-01-01', 'finished', '{}', '[]', '[]', '{}', 1)`);
    const insert =
      old.prepare(`INSERT INTO scores (run_id, case_id, model_id, rep, field, correct, outcome, gold,
      predicted) VALUES ('r1', ?, 'm', 0, 'a', ?, ?, '{"kind":"value","value":"x"}', ?)`);
    for (const i of [0, 1, 2]) {
      const right = i !== 1;
      insert.run(
        `c${i}`,
        right ? 1 : 0,
        right ? "tp" : "wrong",
        right ? '{"kind":"value","value":"x"}' : "{}",
      );
    }
    const expected = fresh(old);
    old.close();
    const reopened = Store.open(file);
    expect(reopened.results.outcomeCounts("r1")).toEqual(expected);
    expect(expected).toHaveLength(2);
    reopened.close();
  });
});

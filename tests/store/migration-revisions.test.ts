// Migration 9: a run's revision in a row of its own, counted by the same triggers, so storing a call no longer
// rewrites the whole runs row twice.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.js";
import { MIGRATIONS } from "../../src/store/migrations.js";

function storeAtSchema8(file: string): void {
  const db = new Database(file);
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(0, 8)) db.exec(migration);
  })();
  db.pragma("user_version = 8");
  db.exec(`
    INSERT INTO runs (id, suite, created_at, status, hashes, models, fields, scoring, repeat)
      VALUES ('r', 's', '2026-01-01', 'finished', '{}', '[]', '[]', '{}', 1);
    INSERT INTO calls (run_id, case_id, model_id, rep, status, input_tokens, output_tokens, cached_input_tokens,
        latency_ms, attempts, from_cache, finished_at)
      VALUES ('r', 'c1', 'm', 0, 'ok', 0, 0, 0, 1, 1, 0, 't');
    UPDATE runs SET scored = 'build:1' WHERE id = 'r';
  `);
  db.close();
}

describe("migration 9: the revision in a row of its own", () => {
  it("keeps each run's revision, counts calls, outputs and grades as before, and starts new runs at 0", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cg-revisions-")), "callgrade.db");
    storeAtSchema8(file);
    const before = new Database(file, { readonly: true });
    const old = (before.prepare("SELECT revision FROM runs WHERE id = 'r'").get() as { revision: number })
      .revision;
    before.close();
    expect(old).toBe(1);
    const store = Store.open(file);
    // Carried over: the stamp of the last scoring still matches, so the run is not scored again for nothing.
    expect(store.runs.scoringState("r")).toEqual({ revision: 1, scored: "build:1" });
    store.db.exec(`INSERT INTO outputs (call_id, valid, value, issues)
      VALUES ((SELECT id FROM calls WHERE run_id = 'r'), 1, '{}', '[]')`);
    store.db.exec("UPDATE calls SET attempts = 2 WHERE run_id = 'r'");
    expect(store.runs.scoringState("r").revision).toBe(3);
    store.db.exec(`INSERT INTO runs (id, suite, created_at, status, hashes, models, fields, scoring, repeat)
      VALUES ('r2', 's', '2026-01-02', 'running', '{}', '[]', '[]', '{}', 1)`);
    expect(store.runs.scoringState("r2")).toEqual({ revision: 0, scored: null });
    // The runs row itself is no longer rewritten by a call: its own revision column stays where it was.
    expect(store.db.prepare("SELECT revision FROM runs WHERE id = 'r'").pluck().get()).toBe(1);
    store.db.exec("DELETE FROM runs WHERE id = 'r2'");
    expect(store.db.prepare("SELECT COUNT(*) FROM run_revisions").pluck().get()).toBe(1);
    store.close();
  });
});

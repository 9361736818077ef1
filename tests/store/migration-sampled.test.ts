import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/migrations.js";

/** A store at schema 11 holding one run, a review item, two grades (one replacing the other) and a note. */
function storeAtSchema11(): Database.Database {
  const db = new Database(":memory:");
  db.pragma("foreign_keys = ON");
  for (const migration of MIGRATIONS.slice(0, 11)) db.transaction(() => db.exec(migration))();
  const columns = (db.prepare("PRAGMA table_info(runs)").all() as { name: string; type: string }[]).map(
    (c) => ({
      name: c.name,
      value: c.name === "id" ? "r" : c.name === "status" ? "finished" : c.type === "INTEGER" ? 0 : "x",
    }),
  );
  db.prepare(
    `INSERT INTO runs (${columns.map((c) => c.name).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
  ).run(...columns.map((c) => c.value));
  db.exec(`
    INSERT INTO review_items (id, run_id, case_id, field, reason, model_values, priority)
      VALUES (5, 'r', 'c1', 'date', 'unreadable', '{}', 1);
    INSERT INTO grades (id, review_item_id, reviewer, verdict, created_at) VALUES (7, 5, 'ann', 'none', 't');
    INSERT INTO grades (review_item_id, reviewer, verdict, created_at, replaces) VALUES (5, 'ann', 'none', 't', 7);
    INSERT INTO review_notes (review_item_id, reviewer, text, created_at) VALUES (5, 'ann', 'check', 't');
  `);
  return db;
}

describe("migration 12: review items drawn into a judge's sample", () => {
  it("accepts reason 'sampled' and keeps every grade and note, their keys and the revision triggers", () => {
    const db = storeAtSchema11();
    const insert = `INSERT INTO review_items (run_id, case_id, field, reason, model_values, priority)
      VALUES ('r', 'c2', 'date', 'sampled', '{}', 2)`;
    expect(() => db.exec(insert)).toThrow(/CHECK/);
    db.transaction(() => db.exec(MIGRATIONS[11] ?? ""))();
    db.exec(insert);
    const count = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count("review_items"), count("grades"), count("review_notes")]).toEqual([2, 2, 1]);
    expect(db.prepare("SELECT reason FROM review_items WHERE id = 5").get()).toEqual({
      reason: "unreadable",
    });
    expect(db.prepare("SELECT replaces FROM grades WHERE id != 7").get()).toEqual({ replaces: 7 });
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE '%\\_11' ESCAPE '\\'").all()).toEqual(
      [],
    );
    // Since migration 9 the revision lives in run_revisions; the runs column stays where it was.
    const revision = () => db.prepare("SELECT revision FROM run_revisions WHERE run_id = 'r'").pluck().get();
    const before = revision() as number;
    db.exec(
      "INSERT INTO grades (review_item_id, reviewer, verdict, created_at) VALUES (5, 'bo', 'none', 't')",
    );
    expect(revision()).toBe(before + 1);
    db.exec("UPDATE grades SET undone_at = 'u' WHERE reviewer = 'bo'");
    db.exec("DELETE FROM grades WHERE reviewer = 'bo'");
    expect(revision()).toBe(before + 3);
    db.exec("DELETE FROM review_items WHERE id = 5");
    expect([count("grades"), count("review_notes")]).toEqual([0, 0]);
  });
});

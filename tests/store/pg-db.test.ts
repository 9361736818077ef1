// The store's database interface on PostgreSQL: SQLite's parameter styles rewritten, better-sqlite3's result
// shapes, and transactions that nest as savepoints, against a real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgDb } from "../../src/store/pg/db.js";
import { toPositional } from "../../src/store/pg/placeholders.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

describe("toPositional", () => {
  it("numbers ? in order, and leaves quotes, comments and casts alone", () => {
    expect(toPositional("SELECT ?, '?', \"a?\" -- ?\n, ? /* ? */ , ?::int FROM t WHERE x = ?")).toEqual({
      text: "SELECT $1, '?', \"a?\" -- ?\n, $2 /* ? */ , $3::int FROM t WHERE x = $4",
    });
    expect(toPositional("SELECT 'it''s ?', ?").text).toBe("SELECT 'it''s ?', $1");
  });

  it("gives each distinct name one number, and says which value each number takes", () => {
    expect(toPositional("SELECT * FROM s WHERE run = $run AND n = @n OR run2 = $run")).toEqual({
      text: "SELECT * FROM s WHERE run = $1 AND n = $2 OR run2 = $1",
      names: ["run", "n"],
    });
    expect(toPositional("SELECT $1, $2").text).toBe("SELECT $1, $2");
    expect(() => toPositional("SELECT ?, $run")).toThrow(/mixes/);
  });
});

describe("PgDb", () => {
  let server: TestPostgres;
  let db: PgDb;

  beforeAll(async () => {
    server = await startPostgres();
    db = new PgDb(server.url);
    db.exec("CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, n INTEGER)");
  });

  afterAll(() => {
    db?.close();
    server?.destroy();
  });

  it("shows its address without the password", () => {
    expect(db.name).not.toContain(server.password);
    expect(db.name).toContain("***");
  });

  it("binds as better-sqlite3 does: values in order, arrays flattened, named values from one object", () => {
    const insert = db.prepare("INSERT INTO t (name, n) VALUES (?, ?), (?, ?) RETURNING id");
    expect(insert.run("a", 1, ["b", 2])).toEqual({ changes: 2, lastInsertRowid: 1 });
    const named = db.prepare<{ name: string }, { n: number }>(
      "SELECT n FROM t WHERE name = $name OR name = @name",
    );
    expect(named.get({ name: "b" })).toEqual({ n: 2 });
    expect(() => named.get({} as { name: string })).toThrow(/missing named parameter "name"/);
    expect(db.prepare("SELECT name FROM t ORDER BY id").pluck().all()).toEqual(["a", "b"]);
    expect(db.prepare("SELECT name, n FROM t ORDER BY id").raw().all()).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect([...db.prepare("SELECT n FROM t ORDER BY n DESC").pluck().iterate()]).toEqual([2, 1]);
    expect(db.prepare("SELECT n FROM t WHERE name = ?").get("nobody")).toBeUndefined();
    expect(db.prepare("UPDATE t SET n = n + 1").run().changes).toBe(2);
  });

  it("commits a transaction that returns, rolls back one that throws, and nests as savepoints", () => {
    const count = () => db.prepare("SELECT COUNT(*) FROM t WHERE name LIKE 'x%'").pluck().get();
    const add = db.prepare("INSERT INTO t (name) VALUES (?)");
    const inner = db.transaction((name: string) => {
      add.run(name);
      if (name === "x-bad") throw new Error("inner fails");
    });
    const outer = db.transaction(() => {
      add.run("x1");
      expect(() => inner("x-bad")).toThrow("inner fails");
      inner("x2");
      return "done";
    });
    expect(outer.immediate()).toBe("done");
    expect(count()).toBe(2);
    expect(db.inTransaction).toBe(false);
    const failing = db.transaction(() => {
      add.run("x3");
      throw new Error("outer fails");
    });
    expect(() => failing()).toThrow("outer fails");
    expect(count()).toBe(2);
    expect(db.inTransaction).toBe(false);
  });
});

// The synchronous PostgreSQL client the team store stands on, against a real server: statements and their
// types, a session that holds across statements, the server's errors, a restart, and a password never shown.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPostgresAddress, maskedAddress, withoutSecrets } from "../../src/store/pg/address.js";
import { PgError, PgSync } from "../../src/store/pg/sync-client.js";
import { ROOT } from "../helpers/cli.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
});

afterAll(() => server?.destroy());

function thrown(body: () => unknown): PgError {
  try {
    body();
  } catch (error) {
    if (error instanceof PgError) return error;
    throw error;
  }
  throw new Error("nothing was thrown");
}

describe("PgSync", () => {
  it("answers statements synchronously, counts and sums as numbers, rows as objects or arrays", () => {
    const db = new PgSync(server.database("types"));
    db.exec("CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT, score DOUBLE PRECISION, n INTEGER)");
    const inserted = db.query(
      "INSERT INTO t (name, score, n) VALUES ($1, $2, $3), ($4, $5, $6) RETURNING id",
      ["Ana", 0.5, 1, 'Bo\'s "quote"', 2, null],
    );
    expect(inserted).toEqual({ rows: [{ id: 1 }, { id: 2 }], count: 2 });
    const sums = db.query("SELECT COUNT(*) AS n, SUM(score) AS total, AVG(n::numeric) AS mean FROM t");
    expect(sums.rows).toEqual([{ n: 2, total: 2.5, mean: 1 }]);
    expect(db.query("SELECT name, n FROM t ORDER BY id", [], true).rows).toEqual([
      ["Ana", 1],
      ['Bo\'s "quote"', null],
    ]);
    expect(db.query("UPDATE t SET n = 0").count).toBe(2);
    db.close();
  });

  it("keeps one session: a transaction rolls back, a temporary table lives on", () => {
    const db = new PgSync(server.database("session"));
    db.exec("CREATE TABLE t (x INTEGER); CREATE TEMP TABLE staged (x INTEGER)");
    db.query("BEGIN");
    db.query("INSERT INTO t VALUES (1)");
    db.query("INSERT INTO staged VALUES (2)");
    db.query("ROLLBACK");
    db.query("INSERT INTO staged VALUES (3)");
    expect(db.query("SELECT (SELECT COUNT(*) FROM t) AS t, (SELECT COUNT(*) FROM staged) AS s").rows).toEqual(
      [{ t: 0, s: 1 }],
    );
    db.close();
  });

  it("throws the server's error with its SQLSTATE, and goes on after it", () => {
    const db = new PgSync(server.database("errors"));
    db.exec("CREATE TABLE t (x INTEGER PRIMARY KEY)");
    db.query("INSERT INTO t VALUES (1)");
    const duplicate = thrown(() => db.query("INSERT INTO t VALUES (1)"));
    expect(duplicate).toMatchObject({ code: "23505", lost: false });
    expect(thrown(() => db.query("SELECT * FROM nowhere"))).toMatchObject({ code: "42P01" });
    expect(db.query("SELECT COUNT(*) AS n FROM t").rows).toEqual([{ n: 1 }]);
    db.close();
    expect(thrown(() => db.query("SELECT 1")).message).toBe("the store is closed");
  });

  it("says the connection was lost while the server is down, and connects again once it is back", () => {
    const db = new PgSync(server.url, { connectTimeoutS: 2 });
    expect(db.query("SELECT 1 AS x").rows).toEqual([{ x: 1 }]);
    server.stop("immediate");
    try {
      const down = thrown(() => db.query("SELECT 2 AS x"));
      expect(down.lost).toBe(true);
      expect(down.message).not.toContain(server.password);
    } finally {
      server.start();
    }
    expect(db.query("SELECT 3 AS x").rows).toEqual([{ x: 3 }]);
    db.close();
  });

  it("never shows the password: not in a refused login, not in the address as shown", () => {
    const wrong = server.url.replace(
      encodeURIComponent(server.password),
      encodeURIComponent(`${server.password}x`),
    );
    const db = new PgSync(wrong, { connectTimeoutS: 2 });
    const refused = thrown(() => db.query("SELECT 1"));
    expect(refused.code).toBe("28P01");
    expect(refused.message).not.toContain(server.password);
    db.close();
    const shown = maskedAddress(server.url);
    expect(shown).not.toContain(server.password);
    expect(shown).not.toContain(encodeURIComponent(server.password));
    expect(shown).toContain("callgrade:***@127.0.0.1");
    const echoed = `could not log in as callgrade with ${server.password} (${encodeURIComponent(server.password)})`;
    expect(withoutSecrets(echoed, server.url)).toBe("could not log in as callgrade with *** (***)");
    expect(isPostgresAddress(server.url)).toBe(true);
    expect(isPostgresAddress("postgresql://h/db")).toBe(true);
    expect(isPostgresAddress(".callgrade/callgrade.db")).toBe(false);
  });

  it("does not keep a finished process alive", () => {
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("./src/store/pg/sync-client.ts").then(({ PgSync }) => {
           const db = new PgSync(process.env.URL);
           console.log(JSON.stringify(db.query("SELECT 41 + 1 AS x").rows));
         });`,
      ],
      {
        cwd: path.resolve(ROOT),
        env: { ...process.env, URL: server.url },
        encoding: "utf8",
        timeout: 20_000,
      },
    );
    expect(child.stderr).toBe("");
    expect(child.stdout.trim()).toBe('[{"x":42}]');
    expect(child.status).toBe(0);
  });
});

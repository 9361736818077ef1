// Opening a PostgreSQL store: the schema made once however many processes open a new database at once, a
// newer schema refused, and an address that fails said without its password.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallgradeError } from "../../src/core/errors.js";
import { Store } from "../../src/store/index.js";
import { PG_MIGRATIONS } from "../../src/store/pg/schema.js";
import { ROOT } from "../helpers/cli.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
});

afterAll(() => server?.destroy());

function openIn(child: number, url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const proc = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("./src/store/index.ts").then(({ Store }) => {
           const store = Store.open(process.env.URL);
           store.close();
           console.log("opened ${child}");
         });`,
      ],
      { cwd: path.resolve(ROOT), env: { ...process.env, URL: url } },
    );
    let out = "";
    proc.stdout.on("data", (chunk) => (out += chunk));
    proc.stderr.on("data", (chunk) => (out += chunk));
    proc.on("close", (code) => resolve({ code, out }));
  });
}

describe("a PostgreSQL store", () => {
  it("is made once when eight processes open a new database at once", async () => {
    const url = server.database("race");
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => openIn(i, url)));
    for (const [i, result] of results.entries()) {
      expect(result.out.trim()).toBe(`opened ${i}`);
      expect(result.code).toBe(0);
    }
    const store = Store.open(url);
    expect(store.db.prepare("SELECT version FROM callgrade_schema").pluck().all()).toEqual([
      PG_MIGRATIONS.length,
    ]);
    expect(store.file).not.toContain(server.password);
    store.close();
  });

  it("refuses a store a newer callgrade wrote", () => {
    const url = server.database("newer");
    Store.open(url).close();
    const store = Store.open(url);
    store.db.prepare("UPDATE callgrade_schema SET version = version + 1").run();
    store.close();
    expect(() => Store.open(url)).toThrow(/written by a newer callgrade \(schema \d+\); upgrade callgrade/);
  });

  it("says why it cannot open, with the password masked", () => {
    const attempts = [
      [server.url.replace(encodeURIComponent(server.password), "nope"), /refused the user name or password/],
      [server.url.replace(/\/callgrade$/, "/nowhere"), /no such database on the server/],
      [server.url.replace(`:${server.port}/`, ":1/"), /cannot reach the server/],
    ] as const;
    for (const [url, reason] of attempts) {
      let error: unknown;
      try {
        Store.open(url);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(CallgradeError);
      const message = (error as Error).message;
      expect(message).toMatch(reason);
      expect(message).toContain("***");
      expect(message).not.toContain(server.password);
      expect(message).not.toContain(encodeURIComponent(server.password));
    }
  });
});

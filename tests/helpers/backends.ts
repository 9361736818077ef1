// The store backends a test suite runs on, the same tests on each: a SQLite file, or a new database on one
// PostgreSQL server started for the test file (stopped when it ends).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { startPostgres, type TestPostgres } from "./postgres.js";

export const BACKENDS = ["sqlite", "postgres"] as const;
export type Backend = (typeof BACKENDS)[number];

let backend: Backend = "sqlite";
let server: TestPostgres | undefined;
let databases = 0;
afterAll(() => server?.destroy());

/** Where the next storePlace() is; call it in the beforeAll of each backend's describe block. */
export async function useBackend(next: Backend): Promise<void> {
  backend = next;
  if (next === "postgres") server ??= await startPostgres();
}

/** A new, empty store's place on the current backend: a file in a new folder, or a new database's address. */
export function storePlace(prefix = "cg-store-"): string {
  if (backend === "postgres" && server) return server.database(`${prefix.replace(/\W/g, "_")}${++databases}`);
  return path.join(mkdtempSync(path.join(tmpdir(), prefix)), "callgrade.db");
}

// Opens the SQLite store (WAL, busy timeout, foreign keys) and brings its schema up to date.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { CallgradeError } from "../core/errors.js";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

export const DEFAULT_STORE = ".callgrade/callgrade.db";

export function openDb(file: string): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file);
    db.pragma("journal_mode = WAL");
  } catch (error) {
    throw storeError(file, error);
  }
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  migrate(db, file);
  return db;
}

function migrate(db: Db, file: string): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new CallgradeError(
      "STORE_INVALID",
      `${file}: this store was written by a newer callgrade (schema ${current}); upgrade callgrade`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? "");
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

function storeError(file: string, error: unknown): CallgradeError {
  const code = (error as { code?: string }).code;
  if (code === "SQLITE_NOTADB") {
    return new CallgradeError(
      "STORE_INVALID",
      `${file}: is not a callgrade store (not an SQLite database); pass another --store PATH or move the file away`,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new CallgradeError("STORE_INVALID", `${file}: cannot open the store: ${reason}`);
}

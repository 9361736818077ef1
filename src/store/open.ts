// Opens the SQLite store (WAL, busy timeout, foreign keys) and brings its schema up to date.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { CallgradeError } from "../core/errors.js";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

export function openDb(file: string): Db {
  let db: Db;
  try {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma("journal_mode = WAL");
  } catch (error) {
    throw storeError(file, error);
  }
  // Several processes share a store (runs, reviewers): a writer waits up to 5 s for another's short transaction.
  // Every write transaction is BEGIN IMMEDIATE (`.immediate()`): a deferred one that reads, then writes, fails
  // at once with SQLITE_BUSY when another process wrote in between, whatever the busy timeout says.
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  // Small page caches (4 MB, 2 MB for temporary tables) instead of better-sqlite3's 16 MB each: a run reads
  // and writes in order, so a bigger cache bought nothing measurable (npm run bench), while filling it made a
  // 100,000-case run's memory grow 20% over a 10,000-case one's. Sorts spill to disk past the same limit.
  db.pragma("main.cache_size = -4000");
  db.pragma("temp.cache_size = -2000");
  migrate(db, file);
  return db;
}

/**
 * Brings the schema up to date one migration at a time. The version is read inside each write transaction:
 * several processes opening a new store at once each wait for the lock, then see what the others applied.
 */
function migrate(db: Db, file: string): void {
  const version = () => db.pragma("user_version", { simple: true }) as number;
  const step = db.transaction((): boolean => {
    const current = version();
    if (current > MIGRATIONS.length) {
      throw new CallgradeError(
        "STORE_INVALID",
        `${file}: this store was written by a newer callgrade (schema ${current}); upgrade callgrade`,
      );
    }
    if (current === MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[current] ?? "");
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  // Up to date (every open after the first): no write lock is taken.
  if (version() === MIGRATIONS.length) return;
  while (step.immediate()) {}
}

function storeError(file: string, error: unknown): CallgradeError {
  const code = (error as { code?: string }).code;
  if (code === "SQLITE_NOTADB") {
    return new CallgradeError(
      "STORE_INVALID",
      `${file}: is not a callgrade store (not an SQLite database); pass another --store PATH or move the file away`,
    );
  }
  const reason =
    code && /^E[A-Z]+$/.test(code) ? fsReason(code) : error instanceof Error ? error.message : String(error);
  return new CallgradeError(
    "STORE_INVALID",
    `${file}: cannot open the store (${reason}); pass --store PATH in a folder you can write to`,
  );
}

function fsReason(code: string): string {
  if (code === "ENOTDIR") return "ENOTDIR: a folder on the way is a file";
  if (code === "EACCES" || code === "EPERM") return `${code}: permission denied`;
  if (code === "EROFS") return "EROFS: the file system is read-only";
  return code;
}

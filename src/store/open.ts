// Opens the SQLite store (WAL, busy timeout, foreign keys) and brings its schema up to date.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { CallgradeError, StorageError, storageFailure } from "../core/errors.js";
import { MIGRATIONS } from "./migrations.js";
import { storeWriteError } from "./storage-guard.js";

type Db = Database.Database;

const BUSY_MS = 5_000;

export function openDb(file: string): Db {
  let db: Db;
  try {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file, { timeout: BUSY_MS });
  } catch (error) {
    throw storeError(file, error);
  }
  try {
    switchToWal(db);
  } catch (error) {
    db.close();
    throw storeError(file, error);
  }
  // Several processes share a store (runs, reviewers): a writer waits up to 5 s for another's short transaction.
  // Every write transaction is BEGIN IMMEDIATE (`.immediate()`): a deferred one that reads, then writes, fails
  // at once with SQLITE_BUSY when another process wrote in between, whatever the busy timeout says.
  db.pragma(`busy_timeout = ${BUSY_MS}`);
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  // Small page caches (4 MB, 2 MB for temporary tables) instead of better-sqlite3's 16 MB each: a run reads
  // and writes in order, so a bigger cache bought nothing measurable (npm run bench), while filling it made a
  // 100,000-case run's memory grow 20% over a 10,000-case one's. Sorts spill to disk past the same limit.
  db.pragma("main.cache_size = -4000");
  db.pragma("temp.cache_size = -2000");
  try {
    migrate(db, file);
  } catch (error) {
    db.close();
    throw storeWriteError(db, undefined, error) ?? error;
  }
  return db;
}

/**
 * Switches the store to WAL. Two processes switching a new store at once may be refused at once with
 * SQLITE_BUSY, whatever the busy timeout (SQLite refuses one of two connections that both read and then want the
 * file to themselves, rather than let them wait for each other): a short pause and another try, within the
 * busy timeout, lets the first one finish.
 */
function switchToWal(db: Db): void {
  const deadline = Date.now() + BUSY_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 5 + Math.random() * 20);
    }
  }
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
  // A full or failing disk is no fault of the path; a read-only one is, below: pass another --store.
  const failure = storageFailure(error);
  if (failure && failure.kind !== "read-only") {
    return new StorageError(file, failure, { target: "to the store", kept: "nothing was changed" });
  }
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

// A SQLite store's own database, for the tests that read what only SQLite has (pragmas).
import type Database from "better-sqlite3";
import type { Store } from "../../src/store/index.js";

export function sqliteOf(store: Store): Database.Database {
  return store.db as Database.Database;
}

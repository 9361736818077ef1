// Opens a PostgreSQL store: connects, and brings the schema up to date under an advisory lock, so any number
// of processes may open a new or an old database at once.
import { CallgradeError } from "../../core/errors.js";
import { maskedAddress } from "./address.js";
import { PgDb } from "./db.js";
import { PG_MIGRATIONS } from "./schema.js";
import { PgError, type PgSyncOptions } from "./sync-client.js";

/** The advisory lock every callgrade takes to migrate: a constant, the same in every version. */
const MIGRATION_LOCK = 7_310_420_615;

export function openPostgres(address: string, options: PgSyncOptions = {}): PgDb {
  const db = new PgDb(address, options);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw openError(address, error);
  }
  return db;
}

function migrate(db: PgDb): void {
  db.transaction(() => {
    // Held to the end of this transaction: a second process waits here, then finds the schema made.
    db.exec(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    db.exec("CREATE TABLE IF NOT EXISTS callgrade_schema (version INTEGER NOT NULL)");
    const version = Number(db.prepare("SELECT MAX(version) FROM callgrade_schema").pluck().get() ?? 0);
    if (version > PG_MIGRATIONS.length) {
      throw new CallgradeError(
        "STORE_INVALID",
        `${db.name}: this store was written by a newer callgrade (schema ${version}); upgrade callgrade`,
      );
    }
    for (let next = version; next < PG_MIGRATIONS.length; next++) db.exec(PG_MIGRATIONS[next] ?? "");
    if (version < PG_MIGRATIONS.length) {
      db.exec("DELETE FROM callgrade_schema");
      db.prepare("INSERT INTO callgrade_schema (version) VALUES (?)").run(PG_MIGRATIONS.length);
    }
  })();
}

/** What went wrong opening the store, in words, with the address's password masked. */
function openError(address: string, error: unknown): unknown {
  if (error instanceof CallgradeError) return error;
  if (!(error instanceof PgError)) return error;
  const where = maskedAddress(address);
  const reason =
    error.code === "28P01" || error.code === "28000"
      ? "the server refused the user name or password"
      : error.code === "3D000"
        ? "no such database on the server"
        : error.lost
          ? `cannot reach the server (${error.message})`
          : error.message;
  return new CallgradeError(
    "STORE_INVALID",
    `${where}: cannot open the store: ${reason}; check the --store address`,
  );
}

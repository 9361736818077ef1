// The store's writes, guarded at one place: a write the disk refuses (full, read-only, failing) becomes one clear
// StorageError naming the store and how to go on. SQLite rolls the failed transaction back, so what was stored
// before stays intact and a resume sends nothing that was stored.
import { StorageError, storageFailure } from "../core/errors.js";
import type { Db } from "./db.js";

/**
 * Runs `write`; a disk failure it throws becomes a StorageError. `runId` is the run the write belongs to: the
 * message says how to resume it while it is unfinished.
 */
export function guardStorage<T>(db: Db, runId: string | undefined, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw storeWriteError(db, runId, error) ?? error;
  }
}

/** `guardStorage` for a write that awaits (a run created from a streamed dataset). */
export async function guardStorageAsync<T>(
  db: Db,
  runId: string | undefined,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw storeWriteError(db, runId, error) ?? error;
  }
}

/** The StorageError for `error` when it is a disk's failure; undefined when it is anything else. */
export function storeWriteError(db: Db, runId: string | undefined, error: unknown): StorageError | undefined {
  const failure = storageFailure(error);
  if (!failure) return undefined;
  const kept = "what was stored is intact";
  return new StorageError(
    db.name,
    failure,
    { target: "to the store", kept },
    runId !== undefined && unfinished(db, runId)
      ? { say: "resume with", args: ["run", "--resume", runId] }
      : undefined,
  );
}

function unfinished(db: Db, runId: string): boolean {
  try {
    const status = db.prepare("SELECT status FROM runs WHERE id = ?").pluck().get(runId);
    return status !== undefined && status !== "finished";
  } catch {
    // The disk fails reads too: a run being written to is, most likely, unfinished.
    return true;
  }
}

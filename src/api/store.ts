// Opening a suite's store and finding a run in it, the same way for every use case.
import { existsSync } from "node:fs";
import type { Suite } from "../config/suite.js";
import { CallgradeError } from "../core/errors.js";
import { inert } from "../core/inert.js";
import { type RunRecord, Store } from "../store/index.js";
import { isPostgresAddress } from "../store/pg/address.js";
import { type PlaceOptions, storeFile } from "./places.js";

export interface OpenStoreOptions extends PlaceOptions {
  /**
   * Refuse a store that does not exist yet instead of creating it: commands that only read (report, gate,
   * review) would otherwise leave an empty store behind where the user mistyped a path.
   * @default false
   */
  mustExist?: boolean;
}

/**
 * Opens (creating it unless `mustExist`) the store at `file`, or the suite's store. Close it when done.
 * @example const store = openStore("evals/.callgrade/callgrade.db"); const runs = store.runs.list(); store.close();
 */
export function openStore(where: string | Suite | undefined, options: OpenStoreOptions = {}): Store {
  const file =
    typeof where === "string"
      ? storeFile(undefined, { ...options, store: where })
      : storeFile(where, options);
  // A database server says for itself whether the database exists, when it is opened.
  if (options.mustExist && !isPostgresAddress(file) && !existsSync(file)) {
    throw new CallgradeError(
      "RUN_NOT_FOUND",
      `no store at ${file}: run \`callgrade run\` first, or pass --config/--store to say where the suite's store is`,
    );
  }
  return Store.open(file);
}

/** Opens the store, runs `body`, and closes the store whatever happens. */
export async function withStore<T>(
  where: string | Suite | undefined,
  options: OpenStoreOptions,
  body: (store: Store) => Promise<T> | T,
): Promise<T> {
  const store = openStore(where, options);
  try {
    return await body(store);
  } finally {
    store.close();
  }
}

/** The run `runId`, or the latest run, in the store. */
export function findRun(store: Store, runId: string | undefined): RunRecord {
  const run = runId ? store.runs.get(runId) : store.runs.latest();
  if (run) return run;
  throw new CallgradeError(
    "RUN_NOT_FOUND",
    runId
      ? `no run "${inert(runId)}" in ${store.file}`
      : `no runs in ${store.file} yet: run \`callgrade run\` first`,
  );
}

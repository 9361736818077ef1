// Where a suite's store, reports and baseline live. Everything defaults to the config's folder, whatever the
// current directory, so `run --config evals/callgrade.config.ts` from anywhere and `gate` from anywhere else
// meet in the same store. Explicit paths (--store, --out) are relative to the current directory, as typed.
import path from "node:path";
import type { Suite } from "../config/suite.js";
import { isPostgresAddress } from "../store/pg/address.js";

export const DEFAULT_STORE = ".callgrade/callgrade.db";
export const DEFAULT_REPORTS = "reports";
export const DEFAULT_BASELINE = "reports/baseline/summary.json";

export interface PlaceOptions {
  /**
   * The store: a SQLite file, relative to `cwd`, or a PostgreSQL database's `postgres://` address.
   * @default CALLGRADE_STORE from `env`, else the config's `store`, else .callgrade/callgrade.db beside the config
   */
  store?: string;
  /** Where CALLGRADE_STORE is read: a CI job keeps a database password out of every file. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** The current directory explicit paths are relative to. @default process.cwd() */
  cwd?: string;
}

/** The folder a suite's relative paths mean: the config's, or the current one without a config. */
function base(suite: Suite | undefined, cwd: string): string {
  return suite?.baseDir ?? cwd;
}

export function storeFile(suite: Suite | undefined, options: PlaceOptions = {}): string {
  const cwd = path.resolve(options.cwd ?? ".");
  const given = options.store || (options.env ?? process.env).CALLGRADE_STORE;
  if (given) return isPostgresAddress(given) ? given : path.resolve(cwd, given);
  const configured = suite?.config.store ?? DEFAULT_STORE;
  return isPostgresAddress(configured) ? configured : path.resolve(base(suite, cwd), configured);
}

/**
 * Where answered calls a database store could not take are kept (.callgrade/held beside the config): the
 * machine that ran the calls keeps them, and a resume there stores them.
 */
export function heldDir(suite: Suite | undefined, cwd = process.cwd()): string {
  return path.resolve(base(suite, path.resolve(cwd)), ".callgrade", "held");
}

/** The folder run reports go under: the config's `reportsDir`, else reports/ beside the config. */
export function reportsRoot(suite: Suite | undefined, cwd = process.cwd()): string {
  return path.resolve(base(suite, path.resolve(cwd)), suite?.config.reportsDir ?? DEFAULT_REPORTS);
}

/** A run's report folder: `out` (relative to `cwd`) when given, else `<reports root>/<runId>`. */
export function reportDir(
  suite: Suite | undefined,
  runId: string,
  options: { out?: string; cwd?: string } = {},
): string {
  const cwd = path.resolve(options.cwd ?? ".");
  return options.out ? path.resolve(cwd, options.out) : path.join(reportsRoot(suite, cwd), runId);
}

/** The baseline file a run is saved as by default, beside the config. */
export function baselineFile(suite: Suite | undefined, cwd = process.cwd()): string {
  return path.resolve(base(suite, path.resolve(cwd)), DEFAULT_BASELINE);
}

// Baselines: a run written as a file to commit, and a baseline named as a file or a run id.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Suite } from "../config/suite.js";
import { CallgradeError } from "../core/errors.js";
import { inert } from "../core/inert.js";
import type { Baseline } from "../gate/index.js";
import { scoreRun } from "../runner/score-run.js";
import type { RunRecord, Store } from "../store/index.js";
import { baselineFromStore, readBaseline, writeBaseline } from "../summary/baseline.js";
import { buildSummary } from "../summary/build.js";
import { baselineFile } from "./places.js";
import { findRun, type OpenStoreOptions, withStore } from "./store.js";

/** A stored run as a baseline: re-scored with the current matchers and grades. */
export function baselineOfRun(store: Store, run: RunRecord): Baseline {
  scoreRun(store, run);
  return baselineFromStore(store, run, buildSummary(store, run));
}

/** Writes a run's baseline file (its summary plus per-call outcomes); returns the file. */
export function writeRunBaseline(store: Store, run: RunRecord, file: string): string {
  writeBaseline(file, baselineOfRun(store, run));
  return file;
}

/**
 * A baseline named by the user: a baseline file (relative to `cwd`), else a run id in the store.
 */
export function resolveBaseline(store: Store, ref: string, cwd = process.cwd()): Baseline {
  const file = path.resolve(cwd, ref);
  if (existsSync(file)) return readBaseline(file);
  const run = store.runs.get(ref);
  if (!run) {
    throw new CallgradeError(
      "RUN_NOT_FOUND",
      `${inert(ref)}: neither a baseline file nor a run in ${store.file}`,
    );
  }
  return baselineOfRun(store, run);
}

export interface SaveBaselineOptions extends OpenStoreOptions {
  /** The run. @default the latest */
  runId?: string;
  /** The file, relative to `cwd`. @default reports/baseline/summary.json beside the config */
  out?: string;
}

/**
 * Writes a stored run as the baseline file to commit; `gate` compares later runs with it.
 * @example const { file } = await saveBaseline(suite, { runId });
 */
export async function saveBaseline(
  suite: Suite | undefined,
  options: SaveBaselineOptions = {},
): Promise<{ runId: string; file: string }> {
  return withStore(suite, { ...options, mustExist: true }, (store) => {
    const run = findRun(store, options.runId);
    const file = options.out
      ? path.resolve(options.cwd ?? ".", options.out)
      : baselineFile(suite, options.cwd);
    return { runId: run.id, file: writeRunBaseline(store, run, file) };
  });
}

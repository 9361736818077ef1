// Which store and run a command means: --config and --store say where, --run (or the latest) which run.
import { loadConfig } from "../../config/load.js";
import { CallgradeError } from "../../core/errors.js";
import type { RunRecord, Store } from "../../store/index.js";
import { display, optional, storePath } from "./context.js";

export interface Where {
  storeFile: string;
  /** Configured reports folder, when a config was given. */
  reports?: { baseDir: string; reportsDir?: string };
}

export async function where(flags: { config?: string; store?: string }): Promise<Where> {
  if (!flags.config) return { storeFile: storePath(flags.store) };
  const loaded = await loadConfig(process.cwd(), flags.config);
  return {
    storeFile: storePath(flags.store, { baseDir: loaded.baseDir, ...optional("store", loaded.config.store) }),
    reports: { baseDir: loaded.baseDir, ...optional("reportsDir", loaded.config.reportsDir) },
  };
}

export function findRun(store: Store, runId: string | undefined): RunRecord {
  const run = runId ? store.runs.get(runId) : store.runs.latest();
  if (run) return run;
  throw new CallgradeError(
    "RUN_NOT_FOUND",
    runId
      ? `no run "${runId}" in ${display(store.file)}`
      : `no runs in ${display(store.file)} yet: run \`callgrade run\` first`,
  );
}

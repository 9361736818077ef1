// Listing a suite's runs: when each ran, with which models and prompt, knowledge base and schema, how well.
import type { Suite } from "../config/suite.js";
import { type HistoryRun, runHistory } from "../summary/history.js";
import { type OpenStoreOptions, withStore } from "./store.js";

export type { HistoryRun } from "../summary/history.js";

export interface ListRunsOptions extends Omit<OpenStoreOptions, "mustExist"> {
  /** Only the runs of the suite with this name. @default the suite's name; every suite's runs without a suite */
  suiteName?: string;
  /** At most this many runs, newest first. @default 20 */
  limit?: number;
}

export interface RunsListing {
  /** The suite listed; null when the runs of every suite in the store are. */
  suite: string | null;
  /** Newest first. */
  runs: HistoryRun[];
}

/**
 * A suite's runs, newest first, each with its models' mean field accuracy as its summary.json gives it (null
 * for a run never scored or still running). Reads stored scores only: nothing is re-scored or called.
 * @example const { runs } = await listRuns(suite, { limit: 5 }); console.log(runs[0]?.models);
 */
export async function listRuns(
  suite: Suite | undefined,
  options: ListRunsOptions = {},
): Promise<RunsListing> {
  const name = options.suiteName ?? suite?.config.name;
  return withStore(suite, { ...options, mustExist: true }, (store) => ({
    suite: name ?? null,
    runs: runHistory(store, {
      ...(name === undefined ? {} : { suite: name }),
      limit: options.limit ?? 20,
    }),
  }));
}

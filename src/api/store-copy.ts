// Moving a team onto one store: every run of a SQLite store into PostgreSQL (or back), grades and cache
// included, checked by counting each run's rows on both sides and by scoring both to the same summary.
import { CallgradeError } from "../core/errors.js";
import { scoreRun } from "../runner/score-run.js";
import { type CopyCounts, copyRuns, runRowCounts } from "../store/copy.js";
import type { Store } from "../store/index.js";
import { buildSummary } from "../summary/build.js";
import { openStore } from "./store.js";

export interface CopyStoreOptions {
  /** Where relative SQLite paths start. @default process.cwd() */
  cwd?: string;
}

export interface CopyStoreResult {
  /** Both stores as they may be shown (a database address with its password masked). */
  from: string;
  to: string;
  copied: CopyCounts;
  /** Each run copied now, with its rows per table, the same on both sides. */
  checked: { runId: string; rows: Record<string, number> }[];
}

/**
 * Copies every run `from` holds that `to` does not (each whole, in one transaction), and the response cache.
 * Throws when a copied run's rows or its scored summary differ between the two stores.
 * @example const { copied } = await copyStore(".callgrade/callgrade.db", process.env.CALLGRADE_STORE);
 */
export async function copyStore(
  from: string,
  to: string,
  options: CopyStoreOptions = {},
): Promise<CopyStoreResult> {
  const place = { ...(options.cwd ? { cwd: options.cwd } : {}), env: {} };
  const source = openStore(from, { ...place, mustExist: true });
  try {
    const target = openStore(to, place);
    try {
      const copied = copyRuns(source.db, target.db);
      const skipped = new Set(copied.skipped);
      const ids = (
        source.db.prepare("SELECT id FROM runs ORDER BY created_at, id").pluck().all() as string[]
      ).filter((id) => !skipped.has(id));
      const checked = ids.map((runId) => ({ runId, rows: check(source, target, runId) }));
      return { from: source.file, to: target.file, copied, checked };
    } finally {
      target.close();
    }
  } finally {
    source.close();
  }
}

/** The run's rows per table on both sides, and its summary scored on both: equal, or a CallgradeError. */
function check(source: Store, target: Store, runId: string): Record<string, number> {
  const rows = runRowCounts(source.db, runId);
  const copied = runRowCounts(target.db, runId);
  for (const [table, n] of Object.entries(rows)) {
    if (copied[table] !== n) {
      throw new CallgradeError(
        "STORE_INVALID",
        `${target.file}: run ${runId} has ${copied[table]} rows of ${table} after the copy, ${n} in ${source.file}`,
      );
    }
  }
  const summaries = [source, target].map((store) => {
    const run = store.runs.get(runId);
    if (!run) throw new CallgradeError("RUN_NOT_FOUND", `${store.file}: no run ${runId}`);
    scoreRun(store, run);
    return JSON.stringify(buildSummary(store, run));
  });
  if (summaries[0] !== summaries[1]) {
    throw new CallgradeError(
      "STORE_INVALID",
      `${target.file}: run ${runId} scores differently after the copy than in ${source.file}`,
    );
  }
  return rows;
}

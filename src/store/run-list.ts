// A store's runs listed newest first, with only the columns a listing needs: never a run's knowledge base.
import type { FieldSpec } from "../core/types.js";
import type { Db } from "./db.js";
import { dialectOf } from "./dialect.js";
import type { RunRecord } from "./runs.js";

export interface RunListItem extends Pick<RunRecord, "id" | "suite" | "createdAt" | "finishedAt" | "status"> {
  hashes: RunRecord["hashes"];
  models: RunRecord["models"];
  fields: FieldSpec[];
  /**
   * Whether the run's stored scores say what its calls and grades say now: `none` before it was ever scored,
   * `stale` when a call, output or grade was written after its last scoring.
   */
  scoring: "none" | "current" | "stale";
}

export interface RunListOptions {
  /** Only this suite's runs. @default every suite */
  suite?: string;
  /** At most this many, newest first. @default 20 */
  limit?: number;
  /** Only this run and those made before it. @default none: up to the newest */
  upTo?: string;
}

interface Row {
  id: string;
  suite: string;
  created_at: string;
  finished_at: string | null;
  status: RunRecord["status"];
  hashes: string;
  models: string;
  fields: string;
  revision: number;
  scored: string | null;
  has_scores: number;
}

export function listRuns(db: Db, options: RunListOptions = {}): RunListItem[] {
  const order = dialectOf(db).insertOrder;
  const rows = db
    .prepare(
      `SELECT id, suite, created_at, finished_at, status, hashes, models, fields,
         COALESCE((SELECT v.revision FROM run_revisions v WHERE v.run_id = runs.id), 0) AS revision, scored,
         CASE WHEN EXISTS (SELECT 1 FROM scores s WHERE s.run_id = runs.id) THEN 1 ELSE 0 END AS has_scores
       FROM runs
       WHERE (CAST(@suite AS TEXT) IS NULL OR suite = @suite)
         AND (CAST(@upTo AS TEXT) IS NULL OR (created_at, ${order}) <= (SELECT created_at, ${order} FROM runs WHERE id = @upTo))
       ORDER BY created_at DESC, ${order} DESC LIMIT @limit`,
    )
    .all({ suite: options.suite ?? null, upTo: options.upTo ?? null, limit: options.limit ?? 20 }) as Row[];
  return rows.map((row) => ({
    id: row.id,
    suite: row.suite,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    status: row.status,
    hashes: JSON.parse(row.hashes),
    models: JSON.parse(row.models),
    fields: JSON.parse(row.fields),
    scoring: scoringOf(row),
  }));
}

/**
 * The scoring stamp is `<build>:<revision>` (see scoreRun): the revision tells whether it is still current.
 * Scoring from the sources (tests, tsx) leaves no stamp, so stored scores alone say a run was scored.
 */
function scoringOf(row: Row): RunListItem["scoring"] {
  if (row.scored === null) return row.has_scores === 1 ? "current" : "none";
  return row.scored.endsWith(`:${row.revision}`) ? "current" : "stale";
}

// Scores of some fields counted by gold value and answered value, for confusion matrices: the store groups, so a
// run of any size returns one row per (model, field, gold, answer) pair seen.
import type { Db } from "./db.js";

export interface ConfusionCount {
  modelId: string;
  field: string;
  /** tp, tn, fp, fn, wrong, invalid or unreadable (src/scoring/score.ts). */
  outcome: string;
  /** The canonical value's text; null for no value. */
  gold: string | null;
  predicted: string | null;
  n: number;
}

const TEXT_OF = (column: string) =>
  `CASE json_extract(${column}, '$.kind') WHEN 'value' THEN CAST(json_extract(${column}, '$.value') AS TEXT)
     WHEN 'unparsed' THEN json_extract(${column}, '$.raw') END`;

export function confusionCounts(db: Db, runId: string, fields: readonly string[]): ConfusionCount[] {
  if (fields.length === 0) return [];
  return db
    .prepare(
      `SELECT model_id AS modelId, field, outcome, ${TEXT_OF("gold")} AS gold, ${TEXT_OF("predicted")} AS predicted,
         COUNT(*) AS n
       FROM scores WHERE run_id = ? AND field IN (SELECT value FROM json_each(?))
       GROUP BY model_id, field, outcome, 4, 5 ORDER BY model_id, field`,
    )
    .all(runId, JSON.stringify(fields)) as ConfusionCount[];
}

// Scores of some fields counted by gold value and answered value, for confusion matrices: the store groups, so a
// run of any size returns one row per (model, field, gold, answer) pair seen.
import type { Db } from "./db.js";
import { type Dialect, dialectOf } from "./dialect.js";

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

/** A canonical value's text: its value, or the raw text nobody could read. */
const TEXT_OF = (d: Dialect, column: string) =>
  `CASE ${d.jsonText(column, ["kind"])} WHEN 'value' THEN ${d.jsonValueText(column, ["value"])}
     WHEN 'unparsed' THEN ${d.jsonText(column, ["raw"])} END`;

export function confusionCounts(db: Db, runId: string, fields: readonly string[]): ConfusionCount[] {
  if (fields.length === 0) return [];
  const d = dialectOf(db);
  return db
    .prepare(
      `SELECT model_id AS "modelId", field, outcome, ${TEXT_OF(d, "gold")} AS gold, ${TEXT_OF(d, "predicted")} AS predicted,
         COUNT(*) AS n
       FROM scores WHERE run_id = ? AND ${d.inJsonArray("field")}
       GROUP BY model_id, field, outcome, 4, 5 ORDER BY model_id, field`,
    )
    .all(runId, JSON.stringify(fields)) as ConfusionCount[];
}

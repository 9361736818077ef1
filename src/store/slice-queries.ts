// Scores with the value of one case meta key (the suite's `slices`), streamed by SQLite a case at a time so a run
// of any size is never held in memory. json_each finds the key whatever its spelling, so a key with dots or
// quotes needs no JSON path.
import type { Db } from "./open.js";

/** A meta value as SQLite's json_each reads it: its JSON type and value (JSON text for arrays and objects). */
export interface SliceValueRef {
  /** "text", "integer", "real", "true", "false", "null", "array", "object"; null when the key is absent. */
  type: string | null;
  value: string | number | null;
}

export interface SliceValueCount extends SliceValueRef {
  cases: number;
}

export interface SliceCaseRow extends SliceValueRef {
  modelId: string;
  caseId: string;
  field: string;
  n: number;
  correct: number;
}

const CASE_VALUES = `SELECT k.case_id AS case_id, m.type AS type, m.value AS value
  FROM cases k LEFT JOIN json_each(k.meta) m ON m.key = ? WHERE k.run_id = ?`;

/** The key's values with their numbers of cases, most common first, one row at a time. */
export function sliceValues(db: Db, runId: string, key: string): IterableIterator<SliceValueCount> {
  return db
    .prepare(
      `SELECT type, value, COUNT(*) AS cases FROM (${CASE_VALUES})
       GROUP BY type, value ORDER BY cases DESC, type, value`,
    )
    .iterate(key, runId) as IterableIterator<SliceValueCount>;
}

/** Scored calls (unreadable values left out) and correct ones per model, case and field, each model's cases together. */
export function sliceCaseRows(db: Db, runId: string, key: string): IterableIterator<SliceCaseRow> {
  return db
    .prepare(
      `WITH v AS (${CASE_VALUES})
       SELECT v.type AS type, v.value AS value, s.model_id AS modelId, s.case_id AS caseId, s.field AS field,
              COUNT(*) AS n, SUM(s.correct) AS correct
       FROM scores s JOIN v ON v.case_id = s.case_id
       WHERE s.run_id = ? AND s.outcome != 'unreadable'
       GROUP BY s.model_id, s.case_id, s.field ORDER BY s.model_id, s.case_id`,
    )
    .iterate(key, runId, runId) as IterableIterator<SliceCaseRow>;
}

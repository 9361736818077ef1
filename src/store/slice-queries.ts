// Scores with the values of the case meta keys the suite slices by (its `slices`). Every key is read in one pass
// over the run's scores, streamed by SQLite a case at a time; only each case's value per key is held, so a run
// of any size costs a few numbers per case. json_each finds a key whatever its spelling, so a key with dots or
// quotes needs no JSON path.
import type { Db } from "./db.js";

/** A meta value as SQLite's json_each reads it: its JSON type and value (JSON text for arrays and objects). */
export interface SliceValueRef {
  /** "text", "integer", "real", "true", "false", "null", "array", "object"; null when the key is absent. */
  type: string | null;
  value: string | number | null;
}

export interface SliceValueCount extends SliceValueRef {
  /** The key's position in the keys asked for. */
  key: number;
  cases: number;
}

export interface SliceCaseValue extends SliceValueRef {
  caseId: string;
  key: number;
}

export interface CaseFieldScore {
  modelId: string;
  caseId: string;
  field: string;
  n: number;
  correct: number;
}

const CASE_VALUES = `SELECT k.case_id AS caseId, j.key AS key, m.type AS type, m.value AS value
  FROM cases k JOIN json_each(?) j LEFT JOIN json_each(k.meta) m ON m.key = j.value WHERE k.run_id = ?`;

/** Each key's values with their numbers of cases, by key, most common first. */
export function sliceValueCounts(db: Db, runId: string, keys: readonly string[]): SliceValueCount[] {
  return db
    .prepare(
      `SELECT key, type, value, COUNT(*) AS cases FROM (${CASE_VALUES})
       GROUP BY key, type, value ORDER BY key, cases DESC, type, value`,
    )
    .all(JSON.stringify(keys), runId) as SliceValueCount[];
}

/** Each case's value of each key, one row at a time. */
export function sliceCaseValues(
  db: Db,
  runId: string,
  keys: readonly string[],
): IterableIterator<SliceCaseValue> {
  return db.prepare(CASE_VALUES).iterate(JSON.stringify(keys), runId) as IterableIterator<SliceCaseValue>;
}

/** Scored calls (unreadable values left out) and correct ones per model, case and field, each model's cases together. */
export function caseFieldScores(db: Db, runId: string): IterableIterator<CaseFieldScore> {
  return db
    .prepare(
      `SELECT model_id AS modelId, case_id AS caseId, field, COUNT(*) AS n, SUM(correct) AS correct
       FROM scores WHERE run_id = ? AND outcome != 'unreadable'
       GROUP BY model_id, case_id, field ORDER BY model_id, case_id`,
    )
    .iterate(runId) as IterableIterator<CaseFieldScore>;
}

// Scores with the values of the case meta keys the suite slices by (its `slices`). Every key is read in one pass
// over the run's scores, streamed by SQLite a case at a time; only each case's value per key is held, so a run
// of any size costs a few numbers per case. json_each finds a key whatever its spelling, so a key with dots or
// quotes needs no JSON path.
import type { Db } from "./db.js";
import { dialectOf } from "./dialect.js";

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

const SQLITE_VALUES = `SELECT k.case_id AS "caseId", j.key AS key, m.type AS type, m.value AS value
  FROM cases k JOIN json_each(?) j LEFT JOIN json_each(k.meta) m ON m.key = j.value WHERE k.run_id = ?`;

/**
 * PostgreSQL's json_each, spelt as SQLite's reads (type names, booleans as 1 and 0, a string unquoted). A
 * column has one type there, so the value comes as text and `fromPostgres` makes numbers of the numbers.
 */
const POSTGRES_VALUES = `SELECT k.case_id AS "caseId", CAST(j.ordinality - 1 AS INTEGER) AS key,
    CASE json_typeof(m.value)
      WHEN 'string' THEN 'text'
      WHEN 'number' THEN CASE WHEN m.value::text ~ '^-?[0-9]+$' THEN 'integer' ELSE 'real' END
      WHEN 'boolean' THEN m.value::text
      ELSE json_typeof(m.value) END AS type,
    CASE json_typeof(m.value)
      WHEN 'string' THEN m.value #>> '{}'
      WHEN 'boolean' THEN CASE WHEN m.value::text = 'true' THEN '1' ELSE '0' END
      WHEN 'null' THEN NULL
      ELSE m.value::text END AS value
  FROM cases k
  CROSS JOIN json_array_elements_text(CAST(CAST(? AS TEXT) AS json)) WITH ORDINALITY AS j(name, ordinality)
  LEFT JOIN json_each(CAST(k.meta AS json)) AS m ON m.key = j.name
  WHERE k.run_id = ?`;

function caseValues(db: Db): string {
  return dialectOf(db).name === "postgres" ? POSTGRES_VALUES : SQLITE_VALUES;
}

/** A row as SQLite gives it: numbers (and booleans, 1 and 0) as numbers. */
function fromPostgres<T extends SliceValueRef>(row: T): T {
  const numeric =
    row.type === "integer" || row.type === "real" || row.type === "true" || row.type === "false";
  return numeric && typeof row.value === "string" ? { ...row, value: Number(row.value) } : row;
}

/** Each key's values with their numbers of cases, by key, most common first. */
export function sliceValueCounts(db: Db, runId: string, keys: readonly string[]): SliceValueCount[] {
  const rows = db
    .prepare(
      `SELECT key, type, value, COUNT(*) AS cases FROM (${caseValues(db)}) AS v
       GROUP BY key, type, value ORDER BY key, cases DESC, type, value`,
    )
    .all(JSON.stringify(keys), runId) as SliceValueCount[];
  return dialectOf(db).name === "postgres" ? rows.map(fromPostgres) : rows;
}

/** Each case's value of each key, one row at a time. */
export function sliceCaseValues(
  db: Db,
  runId: string,
  keys: readonly string[],
): IterableIterator<SliceCaseValue> {
  const rows = db
    .prepare(caseValues(db))
    .iterate(JSON.stringify(keys), runId) as IterableIterator<SliceCaseValue>;
  if (dialectOf(db).name === "sqlite") return rows;
  return (function* () {
    for (const row of rows) yield fromPostgres(row);
  })();
}

/** Scored calls (unreadable values left out) and correct ones per model, case and field, each model's cases together. */
export function caseFieldScores(db: Db, runId: string): IterableIterator<CaseFieldScore> {
  return db
    .prepare(
      `SELECT model_id AS "modelId", case_id AS "caseId", field, COUNT(*) AS n, SUM(correct) AS correct
       FROM scores WHERE run_id = ? AND outcome != 'unreadable'
       GROUP BY model_id, case_id, field ORDER BY model_id, case_id`,
    )
    .iterate(runId) as IterableIterator<CaseFieldScore>;
}

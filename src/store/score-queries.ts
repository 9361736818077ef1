// Scores counted by the store for the voice stage: one model against another on the same calls, and accuracy
// per noise level. Counting in SQL keeps a run of any size to a few rows per model and field.
import type { Db } from "./db.js";
import { dialectOf } from "./dialect.js";

export interface PairedCounts {
  field: string;
  /** Calls both models were scored on (same case, same repetition). */
  n: number;
  /** Of those, correct for the first model, and for the second. */
  correctA: number;
  correctB: number;
}

export function pairedCounts(db: Db, runId: string, a: string, b: string): PairedCounts[] {
  return db
    .prepare(
      `SELECT x.field AS field, COUNT(*) AS n, SUM(x.correct) AS "correctA", SUM(y.correct) AS "correctB"
       FROM scores x JOIN scores y
         ON y.run_id = x.run_id AND y.field = x.field AND y.case_id = x.case_id AND y.rep = x.rep
       WHERE x.run_id = ? AND x.model_id = ? AND y.model_id = ?
         AND x.outcome != 'unreadable' AND y.outcome != 'unreadable'
       GROUP BY x.field ORDER BY x.field`,
    )
    .all(runId, a, b) as PairedCounts[];
}

export interface LevelCounts {
  model: string;
  field: string;
  level: number;
  n: number;
  correct: number;
}

/** Scores of cases made by `callgrade perturb` (meta.noise.level), counted per model, field and level. */
export function noiseLevelCounts(db: Db, runId: string): LevelCounts[] {
  const d = dialectOf(db);
  const level = ["noise", "level"];
  return db
    .prepare(
      `SELECT s.model_id AS model, s.field AS field, ${d.jsonNumber("k.meta", level)} AS level,
              COUNT(*) AS n, SUM(s.correct) AS correct
       FROM scores s JOIN cases k ON k.run_id = s.run_id AND k.case_id = s.case_id
       WHERE s.run_id = ? AND ${d.jsonIsNumber("k.meta", level)} AND s.outcome != 'unreadable'
       GROUP BY s.model_id, s.field, 3 ORDER BY s.model_id, s.field, 3`,
    )
    .all(runId) as LevelCounts[];
}

/** Per noise level: cases, and the corpus word error rate of their transcripts (errors over original words). */
export function noiseLevels(db: Db, runId: string): { level: number; wer: number; cases: number }[] {
  const d = dialectOf(db);
  const count = (...keys: string[]) => `COALESCE(${d.jsonNumber("meta", ["noise", ...keys])}, 0)`;
  const rows = db
    .prepare(
      `SELECT ${d.jsonNumber("meta", ["noise", "level"])} AS level, COUNT(*) AS cases,
              SUM(${count("words")}) AS words,
              SUM(${count("errors", "sub")} + ${count("errors", "del")} + ${count("errors", "ins")}) AS errors
       FROM cases WHERE run_id = ? AND ${d.jsonIsNumber("meta", ["noise", "level"])}
       GROUP BY 1 ORDER BY 1`,
    )
    .all(runId) as { level: number; cases: number; words: number; errors: number }[];
  return rows.map((row) => ({
    level: row.level,
    cases: row.cases,
    wer: row.words > 0 ? row.errors / row.words : 0,
  }));
}

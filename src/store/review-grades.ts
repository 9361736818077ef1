// Grades and notes: each write is one transaction. A re-grade marks the grade it replaces undone and points
// at it (`replaces`), so undoing the re-grade brings the earlier grade back: undo walks back like a stack.
import type { Verdict } from "../core/types.js";
import type { Db } from "./db.js";
import {
  type GradeMark,
  type StoredGrade,
  type StoredNote,
  type VerdictColumns,
  verdictColumns,
  verdictFromColumns,
} from "./review-rows.js";

/** Where an undone grade was, so the UI can go back there. */
export interface UndoneGrade {
  gradeId: number;
  itemId: number;
  caseId: string;
}

const CURRENT_IN_RUN = `FROM grades g JOIN review_items r ON r.id = g.review_item_id
  WHERE r.run_id = ? AND g.undone_at IS NULL`;

export function recordGrade(db: Db, itemId: number, reviewer: string, verdict: Verdict, at: string): number {
  const cols = verdictColumns(verdict);
  return db
    .transaction(() => {
      const previous = db
        .prepare(
          `SELECT id FROM grades WHERE review_item_id = ? AND reviewer = ? AND undone_at IS NULL
         ORDER BY id DESC LIMIT 1`,
        )
        .get(itemId, reviewer) as { id: number } | undefined;
      db.prepare(
        "UPDATE grades SET undone_at = ? WHERE review_item_id = ? AND reviewer = ? AND undone_at IS NULL",
      ).run(at, itemId, reviewer);
      const inserted = db
        .prepare(
          `INSERT INTO grades (review_item_id, reviewer, verdict, value, model_id, ratings, previous_gold,
           created_at, replaces)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .pluck()
        .get(
          itemId,
          reviewer,
          cols.verdict,
          cols.value,
          cols.model_id,
          cols.ratings,
          cols.previous_gold,
          at,
          previous?.id ?? null,
        );
      return Number(inserted);
    })
    .immediate();
}

/** The reviewer's most recent current grade in a run (the one undo would take back). */
export function lastGrade(db: Db, runId: string, reviewer: string): UndoneGrade | undefined {
  const row = db
    .prepare(
      `SELECT g.id, g.review_item_id, r.case_id ${CURRENT_IN_RUN} AND g.reviewer = ?
       ORDER BY g.id DESC LIMIT 1`,
    )
    .get(runId, reviewer) as { id: number; review_item_id: number; case_id: string } | undefined;
  return row && { gradeId: row.id, itemId: row.review_item_id, caseId: row.case_id };
}

export function undoLastGrade(db: Db, runId: string, reviewer: string, at: string): UndoneGrade | undefined {
  return db
    .transaction(() => {
      const last = lastGrade(db, runId, reviewer);
      if (!last) return undefined;
      const row = db.prepare("SELECT replaces FROM grades WHERE id = ?").get(last.gradeId) as {
        replaces: number | null;
      };
      db.prepare("UPDATE grades SET undone_at = ? WHERE id = ?").run(at, last.gradeId);
      if (row.replaces !== null) {
        db.prepare("UPDATE grades SET undone_at = NULL WHERE id = ?").run(row.replaces);
      }
      return last;
    })
    .immediate();
}

export function addNote(db: Db, itemId: number, reviewer: string, text: string, at: string): void {
  db.prepare("INSERT INTO review_notes (review_item_id, reviewer, text, created_at) VALUES (?, ?, ?, ?)").run(
    itemId,
    reviewer,
    text,
    at,
  );
}

export function notesOfRun(db: Db, runId: string): StoredNote[] {
  const rows = db
    .prepare(
      `SELECT n.id, n.review_item_id, r.case_id, r.field, n.reviewer, n.text, n.created_at
       FROM review_notes n JOIN review_items r ON r.id = n.review_item_id WHERE r.run_id = ? ORDER BY n.id`,
    )
    .all(runId) as Record<string, string | number>[];
  return rows.map((row) => ({
    id: Number(row.id),
    itemId: Number(row.review_item_id),
    caseId: String(row.case_id),
    field: String(row.field),
    reviewer: String(row.reviewer),
    text: String(row.text),
    createdAt: String(row.created_at),
  }));
}

type GradeRow = VerdictColumns & {
  id: number;
  review_item_id: number;
  case_id: string;
  field: string;
  reviewer: string;
  created_at: string;
};

/** Every current grade of a run, oldest first. */
export function currentGrades(db: Db, runId: string, where = "", ...params: string[]): StoredGrade[] {
  const rows = db
    .prepare(
      `SELECT g.id, g.review_item_id, r.case_id, r.field, g.reviewer, g.verdict, g.value, g.model_id,
         g.ratings, g.previous_gold, g.created_at ${CURRENT_IN_RUN} ${where} ORDER BY g.id`,
    )
    .all(runId, ...params) as GradeRow[];
  return rows.map((row) => ({
    id: row.id,
    itemId: row.review_item_id,
    caseId: row.case_id,
    field: row.field,
    reviewer: row.reviewer,
    verdict: verdictFromColumns(row),
    createdAt: row.created_at,
  }));
}

export function gradeMarks(db: Db, runId: string, caseId?: string): GradeMark[] {
  const oneCase = caseId === undefined ? "" : "AND r.case_id = ?";
  const statement = db.prepare(
    `SELECT g.review_item_id, g.reviewer ${CURRENT_IN_RUN} ${oneCase} ORDER BY g.id`,
  );
  const rows = (caseId === undefined ? statement.all(runId) : statement.all(runId, caseId)) as {
    review_item_id: number;
    reviewer: string;
  }[];
  return rows.map((row) => ({ itemId: row.review_item_id, reviewer: row.reviewer }));
}

/** Creation times (ISO) of a reviewer's current grades in a run made at or after `since`, oldest first. */
export function activity(db: Db, runId: string, reviewer: string, since: string): string[] {
  const rows = db
    .prepare(
      `SELECT g.created_at ${CURRENT_IN_RUN} AND g.reviewer = ? AND g.created_at >= ? ORDER BY g.created_at`,
    )
    .all(runId, reviewer, since) as { created_at: string }[];
  return rows.map((row) => row.created_at);
}

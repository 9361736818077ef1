// Human review in the store: the review items of a run by case, grades, notes and case leases.
// Timestamps of grades and notes are ISO 8601 (UTC) strings; lease times are epoch milliseconds.
import type { Case, Verdict } from "../core/types.js";
import type { Db, Statement } from "./db.js";
import {
  activity,
  addNote,
  currentGrades,
  gradeMarks,
  lastGrade,
  notesOfRun,
  recordGrade,
  type UndoneGrade,
  undoLastGrade,
} from "./review-grades.js";
import {
  acquireLease,
  activeLeases,
  claimFirst,
  openLeases,
  releaseLease,
  renewLease,
} from "./review-leases.js";
import {
  type GradeMark,
  type ItemRow,
  itemFromRow,
  type StoredGrade,
  type StoredNote,
  type StoredReviewCase,
  type StoredReviewItem,
} from "./review-rows.js";
import { guardStorage } from "./storage-guard.js";

const ITEM_COLUMNS = `SELECT r.run_id, r.id, r.case_id, c.idx, r.field, r.reason, r.priority, r.model_values
  FROM review_items r JOIN cases c ON c.run_id = r.run_id AND c.case_id = r.case_id`;

const now = () => new Date().toISOString();

type CaseRow = { transcript: string; gold: string | null; meta: string };

export class Review {
  // Prepared once: a report reads up to thousands of cases one at a time.
  private readonly selectCase: Statement<[string, string], CaseRow>;

  constructor(private readonly db: Db) {
    this.selectCase = db.prepare("SELECT transcript, gold, meta FROM cases WHERE run_id = ? AND case_id = ?");
  }

  /** Every review item of a run, in dataset order (case idx, then item id). */
  items(runId: string): StoredReviewItem[] {
    const rows = this.db.prepare(`${ITEM_COLUMNS} WHERE r.run_id = ? ORDER BY c.idx, r.id`).all(runId);
    return (rows as ItemRow[]).map(itemFromRow);
  }

  /** The review items of a run grouped by case, in dataset order. */
  cases(runId: string): StoredReviewCase[] {
    const byCase = new Map<string, StoredReviewCase>();
    for (const item of this.items(runId)) {
      const group = byCase.get(item.caseId);
      if (group) group.items.push(item);
      else byCase.set(item.caseId, { caseId: item.caseId, caseIdx: item.caseIdx, items: [item] });
    }
    return [...byCase.values()];
  }

  caseItems(runId: string, caseId: string): StoredReviewItem[] {
    const rows = this.db
      .prepare(`${ITEM_COLUMNS} WHERE r.run_id = ? AND r.case_id = ? ORDER BY r.id`)
      .all(runId, caseId);
    return (rows as ItemRow[]).map(itemFromRow);
  }

  /** One item with the run it belongs to. */
  item(itemId: number): (StoredReviewItem & { runId: string }) | undefined {
    const row = this.db.prepare(`${ITEM_COLUMNS} WHERE r.id = ?`).get(itemId) as
      | (ItemRow & { run_id: string })
      | undefined;
    return row && { ...itemFromRow(row), runId: row.run_id };
  }

  /** One case of a run (transcript, gold, meta), without loading the others. */
  case(runId: string, caseId: string): Case | undefined {
    const row = this.selectCase.get(runId, caseId);
    if (!row) return undefined;
    return {
      id: caseId,
      transcript: JSON.parse(row.transcript),
      ...(row.gold === null ? {} : { gold: JSON.parse(row.gold) }),
      meta: JSON.parse(row.meta),
      source: { file: "(store)", line: 0 },
    };
  }

  /** Records a grade in its own transaction; a reviewer's earlier grade of the same item is replaced. */
  record(itemId: number, reviewer: string, verdict: Verdict, at = now()): number {
    return this.write(() => recordGrade(this.db, itemId, reviewer, verdict, at));
  }

  /** The reviewer's most recent current grade in the run: what `undo` would take back. */
  lastGrade(runId: string, reviewer: string): UndoneGrade | undefined {
    return lastGrade(this.db, runId, reviewer);
  }

  /** Marks the reviewer's most recent current grade in the run undone (restoring the grade it replaced). */
  undo(runId: string, reviewer: string, at = now()): UndoneGrade | undefined {
    return this.write(() => undoLastGrade(this.db, runId, reviewer, at));
  }

  note(itemId: number, reviewer: string, text: string, at = now()): void {
    this.write(() => addNote(this.db, itemId, reviewer, text, at));
  }

  notes(runId: string): StoredNote[] {
    return notesOfRun(this.db, runId);
  }

  /** All current (not undone, not replaced) grades of a run, oldest first. */
  grades(runId: string): StoredGrade[] {
    return currentGrades(this.db, runId);
  }

  /** A reviewer's current grades on one case: item id → verdict. Never anyone else's (reviews are blind). */
  gradesOf(runId: string, caseId: string, reviewer: string): Map<number, Verdict> {
    const rows = currentGrades(this.db, runId, "AND r.case_id = ? AND g.reviewer = ?", caseId, reviewer);
    return new Map(rows.map((grade) => [grade.itemId, grade.verdict]));
  }

  /** Who has a current grade on which item of a run (or of one case of it). */
  marks(runId: string, caseId?: string): GradeMark[] {
    return gradeMarks(this.db, runId, caseId);
  }

  /** Creation times of a reviewer's current grades in a run since an ISO time, oldest first (for pace). */
  activity(runId: string, reviewer: string, since: string): string[] {
    return activity(this.db, runId, reviewer, since);
  }

  acquire(runId: string, caseId: string, reviewer: string, now: number, leaseMs: number): boolean {
    return this.write(() => acquireLease(this.db, runId, caseId, reviewer, now, leaseMs));
  }

  /** Readies the leases of a queue's cases for claims (see review-leases.ts); a session does it as it opens. */
  openLeases(runId: string, caseIds: readonly string[]): void {
    this.write(() => openLeases(this.db, runId, caseIds));
  }

  /** Leases the first of `candidates` free to the reviewer (see review-leases.ts); the case, or undefined. */
  claim(
    runId: string,
    candidates: readonly string[],
    reviewer: string,
    now: number,
    leaseMs: number,
  ): string | undefined {
    return this.write(() => claimFirst(this.db, runId, candidates, reviewer, now, leaseMs));
  }

  renew(runId: string, caseId: string, reviewer: string, now: number, leaseMs: number): boolean {
    return this.write(() => renewLease(this.db, runId, caseId, reviewer, now, leaseMs));
  }

  release(runId: string, caseId: string, reviewer: string): void {
    this.write(() => releaseLease(this.db, runId, caseId, reviewer));
  }

  /** Unexpired leases of a run at `now`: case id → reviewer. */
  leases(runId: string, now: number): Map<string, string> {
    return activeLeases(this.db, runId, now);
  }

  // A reviewer's write the disk refuses: the grades before it are stored, and the review opens again once the
  // disk is mended (the message says so; a resume of the run is no help here, so no run id is passed).
  private write<T>(body: () => T): T {
    return guardStorage(this.db, undefined, body);
  }
}

// Case leases: a case shown to a reviewer is theirs until the lease expires. Times are epoch milliseconds.
// Acquiring is one statement, so two processes on the same store can never both win the same case.
// Claiming the next case of a queue is the work-queue pattern: every candidate has a lease row (a free one
// has no reviewer and has expired), and the claim takes the first free row that no other claim has locked
// at this moment; on PostgreSQL `FOR UPDATE SKIP LOCKED`, so reviewers asking at once neither wait on each
// other nor get the same case. SQLite's writers take turns, so there the first free row is simply taken.
import type { Db } from "./db.js";
import { dialectOf } from "./dialect.js";

/** Takes the case if nobody else holds an unexpired lease on it (taking over an expired one); true on success. */
export function acquireLease(
  db: Db,
  runId: string,
  caseId: string,
  reviewer: string,
  now: number,
  leaseMs: number,
): boolean {
  const result = db
    .prepare(
      `INSERT INTO review_leases (run_id, case_id, reviewer, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id, case_id) DO UPDATE SET reviewer = excluded.reviewer, expires_at = excluded.expires_at
       WHERE review_leases.expires_at <= ? OR review_leases.reviewer = excluded.reviewer`,
    )
    .run(runId, caseId, reviewer, now + leaseMs, now);
  return result.changes > 0;
}

/**
 * Gives every case of a queue its lease row, free, where it has none, so that the claims on it only ever
 * update rows. Rows come once per case and stay (a release frees its row): inserting over a row another
 * claim has locked would wait for that claim, where a claim passes over it. (The WHERE also keeps SQLite
 * from reading ON CONFLICT as a join's ON.)
 */
export function openLeases(db: Db, runId: string, caseIds: readonly string[]): void {
  if (caseIds.length === 0) return;
  const list = JSON.stringify(caseIds);
  db.prepare(
    `INSERT INTO review_leases (run_id, case_id, reviewer, expires_at)
     SELECT ?, w.value, '', 0 FROM ${dialectOf(db).jsonArrayRows("w")}
     WHERE NOT EXISTS (SELECT 1 FROM review_leases l WHERE l.run_id = ? AND l.case_id = w.value)
     ON CONFLICT (run_id, case_id) DO NOTHING`,
  ).run(runId, list, runId);
}

/**
 * Leases the first of `candidates` (case ids, in the reviewer's order) that is free or already the reviewer's,
 * passing over any another reviewer is claiming at this moment; the case claimed, or undefined if none is.
 * Only cases with a lease row can be claimed: openLeases gives a queue's cases theirs.
 */
export function claimFirst(
  db: Db,
  runId: string,
  candidates: readonly string[],
  reviewer: string,
  now: number,
  leaseMs: number,
): string | undefined {
  if (candidates.length === 0) return undefined;
  const dialect = dialectOf(db);
  const list = JSON.stringify(candidates);
  const claimed = db
    .prepare(
      `UPDATE review_leases SET reviewer = ?, expires_at = ?
       WHERE run_id = ? AND case_id = (
         SELECT l.case_id FROM review_leases l JOIN ${dialect.jsonArrayRows("w")} ON w.value = l.case_id
         WHERE l.run_id = ? AND ${dialect.inJsonArray("l.case_id")} AND (l.expires_at <= ? OR l.reviewer = ?)
         ORDER BY w.ord LIMIT 1 ${dialect.skipLocked("l")}
       )
       RETURNING case_id`,
    )
    .pluck()
    .get(reviewer, now + leaseMs, runId, list, runId, list, now, reviewer);
  return claimed === undefined ? undefined : String(claimed);
}

/** Extends the reviewer's own lease; false when it is no longer theirs. */
export function renewLease(
  db: Db,
  runId: string,
  caseId: string,
  reviewer: string,
  now: number,
  leaseMs: number,
): boolean {
  const result = db
    .prepare("UPDATE review_leases SET expires_at = ? WHERE run_id = ? AND case_id = ? AND reviewer = ?")
    .run(now + leaseMs, runId, caseId, reviewer);
  return result.changes > 0;
}

/** Frees the case if the reviewer holds it (the row stays, free: see claimFirst). */
export function releaseLease(db: Db, runId: string, caseId: string, reviewer: string): void {
  db.prepare(
    "UPDATE review_leases SET reviewer = '', expires_at = 0 WHERE run_id = ? AND case_id = ? AND reviewer = ?",
  ).run(runId, caseId, reviewer);
}

/** Unexpired leases of a run: case id → reviewer. */
export function activeLeases(db: Db, runId: string, now: number): Map<string, string> {
  const rows = db
    .prepare("SELECT case_id, reviewer FROM review_leases WHERE run_id = ? AND expires_at > ?")
    .all(runId, now) as { case_id: string; reviewer: string }[];
  return new Map(rows.map((row) => [row.case_id, row.reviewer]));
}

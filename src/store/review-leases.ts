// Case leases: a case shown to a reviewer is theirs until the lease expires. Times are epoch milliseconds.
// Acquiring is one statement, so two processes on the same store can never both win the same case.
import type { Db } from "./db.js";

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

export function releaseLease(db: Db, runId: string, caseId: string, reviewer: string): void {
  db.prepare("DELETE FROM review_leases WHERE run_id = ? AND case_id = ? AND reviewer = ?").run(
    runId,
    caseId,
    reviewer,
  );
}

/** Unexpired leases of a run: case id → reviewer. */
export function activeLeases(db: Db, runId: string, now: number): Map<string, string> {
  const rows = db
    .prepare("SELECT case_id, reviewer FROM review_leases WHERE run_id = ? AND expires_at > ?")
    .all(runId, now) as { case_id: string; reviewer: string }[];
  return new Map(rows.map((row) => [row.case_id, row.reviewer]));
}

// A re-scoring's rows, staged in temporary tables as they are made and swapped in with one short transaction.
import type { Db } from "./db.js";
import type { ResultSink } from "./results.js";

// A re-scoring's rows wait here until they replace the run's: temporary tables, private to this connection.
const STAGES = {
  staged_scores: "case_id, model_id, rep, field, correct, outcome, gold, predicted",
  staged_agreement: "case_id, field, agreed",
  staged_review: "case_id, field, reason, model_values, priority",
};
const DROP_STAGES = Object.keys(STAGES)
  .map((table) => `DROP TABLE IF EXISTS temp.${table};`)
  .join("\n");
const BATCH = 64;

/** Appends rows to a temporary table `BATCH` at a time: a statement per row costs more than the row. */
function stager(db: Db, table: keyof typeof STAGES): { add(...values: unknown[]): void; flush(): void } {
  const width = STAGES[table].split(",").length;
  const row = `(${Array(width).fill("?").join(", ")})`;
  const many = db.prepare(`INSERT INTO temp.${table} VALUES ${Array(BATCH).fill(row).join(", ")}`);
  const one = db.prepare(`INSERT INTO temp.${table} VALUES ${row}`);
  const pending: unknown[] = [];
  return {
    add(...values) {
      pending.push(...values);
      if (pending.length < BATCH * width) return;
      many.run(pending);
      pending.length = 0;
    },
    flush() {
      for (let at = 0; at < pending.length; at += width) one.run(pending.slice(at, at + width));
      pending.length = 0;
    },
  };
}

export function stageAndSwap(db: Db, runId: string, produce: (sink: ResultSink) => void): void {
  const create = Object.entries(STAGES).map(([table, columns]) => `CREATE TEMP TABLE ${table} (${columns});`);
  db.exec(`${DROP_STAGES}\n${create.join("\n")}`);
  try {
    const [scores, agreement, review] = [
      stager(db, "staged_scores"),
      stager(db, "staged_agreement"),
      stager(db, "staged_review"),
    ];
    // Deferred: it writes only temporary tables, and reads the run as one snapshot.
    db.transaction(() => {
      produce({
        score: (s) =>
          scores.add(
            s.caseId,
            s.modelId,
            s.rep,
            s.field,
            s.correct ? 1 : 0,
            s.outcome,
            JSON.stringify(s.gold),
            JSON.stringify(s.predicted),
          ),
        agreement: (a) => agreement.add(a.caseId, a.field, a.agreed ? 1 : 0),
        review: (r) => review.add(r.caseId, r.field, r.reason, JSON.stringify(r.modelValues), r.priority),
      });
      for (const stage of [scores, agreement, review]) stage.flush();
    })();
    db.exec("CREATE INDEX temp.staged_review_key ON staged_review (case_id, field)");
    // Re-scoring an unchanged run (every `report`, every `gate`) gives the rows it has: reading them back is
    // cheaper than rewriting them, and leaves the store (and its write lock) alone.
    if (!sameAsStored(db, runId)) swapIn(db, runId);
  } finally {
    db.exec(DROP_STAGES);
  }
}

/** Whether the staged rows are exactly the run's: swapping them in would change nothing. */
function sameAsStored(db: Db, runId: string): boolean {
  const same = db
    .prepare(
      `SELECT
         (SELECT COUNT(*) FROM scores WHERE run_id = $run) = (SELECT COUNT(*) FROM temp.staged_scores)
         AND NOT EXISTS (SELECT * FROM temp.staged_scores
           EXCEPT SELECT case_id, model_id, rep, field, correct, outcome, gold, predicted FROM scores WHERE run_id = $run)
         AND (SELECT COUNT(*) FROM agreement WHERE run_id = $run) = (SELECT COUNT(*) FROM temp.staged_agreement)
         AND NOT EXISTS (SELECT * FROM temp.staged_agreement
           EXCEPT SELECT case_id, field, agreed FROM agreement WHERE run_id = $run)
         AND NOT EXISTS (SELECT * FROM temp.staged_review
           EXCEPT SELECT case_id, field, reason, model_values, priority FROM review_items WHERE run_id = $run)
         AND NOT EXISTS (SELECT 1 FROM review_items r WHERE r.run_id = $run
           AND NOT EXISTS (SELECT 1 FROM grades g WHERE g.review_item_id = r.id)
           AND NOT EXISTS (SELECT 1 FROM temp.staged_review s WHERE s.case_id = r.case_id AND s.field = r.field))
       AS same`,
    )
    .pluck()
    .get({ run: runId });
  return same === 1;
}

/** An invalid output whose gold is "no value": metrics count it apart (see OutcomeCount.goldNone). */
const GOLD_NONE =
  "CASE WHEN outcome = 'invalid' THEN COALESCE(json_extract(gold, '$.kind') = 'none', 0) ELSE 0 END";

function swapIn(db: Db, runId: string): void {
  const run = (sql: string) => db.prepare(sql).run(runId);
  db.transaction(() => {
    run("DELETE FROM scores WHERE run_id = ?");
    run("DELETE FROM agreement WHERE run_id = ?");
    // In primary-key order, each insert appends to the index instead of landing at random.
    run(`INSERT INTO scores (run_id, case_id, model_id, rep, field, correct, outcome, gold, predicted)
           SELECT ?, * FROM temp.staged_scores ORDER BY model_id, field, case_id, rep`);
    run("DELETE FROM outcome_counts WHERE run_id = ?");
    run(`INSERT INTO outcome_counts (run_id, model_id, field, outcome, correct, gold_none, n)
           SELECT ?, model_id, field, outcome, correct, ${GOLD_NONE}, COUNT(*)
           FROM temp.staged_scores GROUP BY 2, 3, 4, 5, 6`);
    run(`INSERT INTO agreement (run_id, case_id, field, agreed)
           SELECT ?, * FROM temp.staged_agreement ORDER BY field, case_id`);
    // An item no longer queued goes, unless someone graded it; the others are updated, in queue order.
    run(`DELETE FROM review_items WHERE run_id = ?
           AND NOT EXISTS (SELECT 1 FROM grades g WHERE g.review_item_id = review_items.id)
           AND NOT EXISTS (SELECT 1 FROM temp.staged_review s
             WHERE s.case_id = review_items.case_id AND s.field = review_items.field)`);
    run(`INSERT INTO review_items (run_id, case_id, field, reason, model_values, priority)
           SELECT ?, * FROM temp.staged_review WHERE true ORDER BY rowid
           ON CONFLICT (run_id, case_id, field) DO UPDATE SET
             reason = excluded.reason, model_values = excluded.model_values, priority = excluded.priority`);
  }).immediate();
}

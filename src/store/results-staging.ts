// A re-scoring's rows, staged in temporary tables as they are made and swapped in with one short transaction.
import { type BatchInsert, batchInsert } from "./batch-insert.js";
import type { Db } from "./db.js";
import { dialectOf } from "./dialect.js";
import type { ResultSink, ScoreRow } from "./results.js";

// A re-scoring's rows wait here until they replace the run's: temporary tables, private to this connection,
// typed as the tables they go to. `seq` (PostgreSQL) or SQLite's rowid keeps the review items' order.
const STAGES = {
  staged_scores:
    "case_id TEXT, model_id TEXT, rep INTEGER, field TEXT, correct INTEGER, outcome TEXT, gold TEXT, predicted TEXT",
  staged_agreement: "case_id TEXT, field TEXT, agreed INTEGER",
  staged_review: "case_id TEXT, field TEXT, reason TEXT, model_values TEXT, priority DOUBLE PRECISION",
};
type Stage = keyof typeof STAGES;

/** A stage's column names, without their types. */
const names = (stage: Stage) =>
  STAGES[stage]
    .split(",")
    .map((column) => column.trim().split(" ")[0])
    .join(", ");

export function stageAndSwap(db: Db, runId: string, produce: (sink: ResultSink) => void): void {
  const dialect = dialectOf(db);
  const stages = Object.keys(STAGES) as Stage[];
  const drop = () => {
    for (const stage of stages) db.exec(`DROP TABLE IF EXISTS ${dialect.temp(stage)}`);
  };
  drop();
  for (const stage of stages)
    db.exec(`CREATE TEMP TABLE ${stage} (${dialect.tempOrderColumn}${STAGES[stage]})`);
  try {
    const [scores, agreement, review] = stages.map((stage) =>
      batchInsert(
        db,
        `INSERT INTO ${dialect.temp(stage)} (${names(stage)})`,
        STAGES[stage].split(",").length,
      ),
    ) as [BatchInsert, BatchInsert, BatchInsert];
    const outcomes = new OutcomeTally();
    // Deferred: it writes only temporary tables, and reads the run as one snapshot.
    db.transaction(() => {
      produce({
        score: (s) => {
          outcomes.add(s);
          scores.add(
            s.caseId,
            s.modelId,
            s.rep,
            s.field,
            s.correct ? 1 : 0,
            s.outcome,
            JSON.stringify(s.gold),
            JSON.stringify(s.predicted),
          );
        },
        agreement: (a) => agreement.add(a.caseId, a.field, a.agreed ? 1 : 0),
        review: (r) => review.add(r.caseId, r.field, r.reason, JSON.stringify(r.modelValues), r.priority),
      });
      for (const stage of [scores, agreement, review]) stage.flush();
    })();
    db.exec(
      `CREATE INDEX ${dialect.name === "sqlite" ? "temp." : ""}staged_review_key ON staged_review (case_id, field)`,
    );
    // Re-scoring an unchanged run (every `report`, every `gate`) gives the rows it has: reading them back is
    // cheaper than rewriting them, and leaves the store (and its write lock) alone.
    if (!sameAsStored(db, runId)) swapIn(db, runId, outcomes);
  } finally {
    drop();
  }
}

/** Whether the staged rows are exactly the run's: swapping them in would change nothing. */
function sameAsStored(db: Db, runId: string): boolean {
  const t = dialectOf(db).temp;
  const same = db
    .prepare(
      `SELECT CASE WHEN
         (SELECT COUNT(*) FROM scores WHERE run_id = $run) = (SELECT COUNT(*) FROM ${t("staged_scores")})
         AND NOT EXISTS (SELECT ${names("staged_scores")} FROM ${t("staged_scores")}
           EXCEPT SELECT case_id, model_id, rep, field, correct, outcome, gold, predicted FROM scores WHERE run_id = $run)
         AND (SELECT COUNT(*) FROM agreement WHERE run_id = $run) = (SELECT COUNT(*) FROM ${t("staged_agreement")})
         AND NOT EXISTS (SELECT ${names("staged_agreement")} FROM ${t("staged_agreement")}
           EXCEPT SELECT case_id, field, agreed FROM agreement WHERE run_id = $run)
         AND NOT EXISTS (SELECT ${names("staged_review")} FROM ${t("staged_review")}
           EXCEPT SELECT case_id, field, reason, model_values, priority FROM review_items WHERE run_id = $run)
         AND NOT EXISTS (SELECT 1 FROM review_items r WHERE r.run_id = $run
           AND NOT EXISTS (SELECT 1 FROM grades g WHERE g.review_item_id = r.id)
           AND NOT EXISTS (SELECT 1 FROM ${t("staged_review")} s WHERE s.case_id = r.case_id AND s.field = r.field))
       THEN 1 ELSE 0 END AS same`,
    )
    .pluck()
    .get({ run: runId });
  return same === 1;
}

function swapIn(db: Db, runId: string, outcomes: OutcomeTally): void {
  const dialect = dialectOf(db);
  const t = dialect.temp;
  const run = (sql: string) => db.prepare(sql).run(runId);
  const counts = batchInsert(
    db,
    "INSERT INTO outcome_counts (run_id, model_id, field, outcome, correct, gold_none, n)",
    7,
  );
  db.transaction(() => {
    run("DELETE FROM scores WHERE run_id = ?");
    run("DELETE FROM agreement WHERE run_id = ?");
    // In primary-key order, each insert appends to the index instead of landing at random.
    run(`INSERT INTO scores (run_id, case_id, model_id, rep, field, correct, outcome, gold, predicted)
           SELECT CAST(? AS TEXT), ${names("staged_scores")} FROM ${t("staged_scores")}
           ORDER BY model_id, field, case_id, rep`);
    run("DELETE FROM outcome_counts WHERE run_id = ?");
    for (const count of outcomes.counts()) counts.add(runId, ...count);
    counts.flush();
    run(`INSERT INTO agreement (run_id, case_id, field, agreed)
           SELECT CAST(? AS TEXT), ${names("staged_agreement")} FROM ${t("staged_agreement")} ORDER BY field, case_id`);
    // An item no longer queued goes, unless someone graded it; the others are updated, in queue order.
    run(`DELETE FROM review_items WHERE run_id = ?
           AND NOT EXISTS (SELECT 1 FROM grades g WHERE g.review_item_id = review_items.id)
           AND NOT EXISTS (SELECT 1 FROM ${t("staged_review")} s
             WHERE s.case_id = review_items.case_id AND s.field = review_items.field)`);
    run(`INSERT INTO review_items (run_id, case_id, field, reason, model_values, priority)
           SELECT CAST(? AS TEXT), ${names("staged_review")} FROM ${t("staged_review")} WHERE true
           ORDER BY ${dialect.insertOrder}
           ON CONFLICT (run_id, case_id, field) DO UPDATE SET
             reason = excluded.reason, model_values = excluded.model_values, priority = excluded.priority`);
  }).immediate();
}

/**
 * The run's outcomes counted per model, field, outcome, correctness and "gold is no value" (an invalid output
 * there is counted apart: see OutcomeCount.goldNone), as the scores are made: no second pass over them.
 */
class OutcomeTally {
  readonly #counts = new Map<string, [string, string, string, number, number, number]>();

  add(s: ScoreRow): void {
    const goldNone =
      s.outcome === "invalid" && (s.gold as { kind?: unknown } | null)?.kind === "none" ? 1 : 0;
    const correct = s.correct ? 1 : 0;
    const key = `${s.modelId}\0${s.field}\0${s.outcome}\0${correct}\0${goldNone}`;
    const count = this.#counts.get(key);
    if (count) count[5]++;
    else this.#counts.set(key, [s.modelId, s.field, s.outcome, correct, goldNone, 1]);
  }

  /** model_id, field, outcome, correct, gold_none, n: one row per kind counted. */
  counts(): Iterable<readonly [string, string, string, number, number, number]> {
    return this.#counts.values();
  }
}

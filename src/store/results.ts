// Scores, agreement and the review queue of a run. Re-scoring replaces scores, and never drops a graded item.
import type { Db } from "./open.js";
import {
  type LevelCounts,
  noiseLevelCounts,
  noiseLevels,
  type PairedCounts,
  pairedCounts,
} from "./score-queries.js";

export interface ScoreRow {
  caseId: string;
  modelId: string;
  rep: number;
  field: string;
  correct: boolean;
  outcome: string;
  gold: unknown;
  predicted: unknown;
}

export interface AgreementRow {
  caseId: string;
  field: string;
  agreed: boolean;
}

export interface OutcomeCount {
  modelId: string;
  field: string;
  outcome: string;
  correct: boolean;
  goldNone: boolean;
  n: number;
}

export interface ReviewItemInput {
  caseId: string;
  field: string;
  reason: "disagreement" | "invalid" | "free-text";
  modelValues: Record<string, unknown>;
  priority: number;
}

/** Where a re-scoring writes its rows, one at a time. */
export interface ResultSink {
  score(row: ScoreRow): void;
  agreement(row: AgreementRow): void;
  review(item: ReviewItemInput): void;
}

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

/**
 * Runs `work` with small page caches. Staged rows are written once and read once, in order, so a cache
 * buys them nothing; and the sort that orders them holds as much memory as the main cache is large.
 */
function withSmallCaches(db: Db, work: () => void): void {
  const saved = ["main", "temp"].map(
    (schema) => `${schema}.cache_size = ${db.pragma(`${schema}.cache_size`, { simple: true })}`,
  );
  db.pragma("main.cache_size = -4000");
  db.pragma("temp.cache_size = -2000");
  try {
    work();
  } finally {
    for (const setting of saved) db.pragma(setting);
  }
}

export class Results {
  constructor(private readonly db: Db) {}

  replace(runId: string, scores: ScoreRow[], agreement: AgreementRow[], review: ReviewItemInput[]): void {
    this.rewrite(runId, (sink) => {
      for (const row of scores) sink.score(row);
      for (const row of agreement) sink.agreement(row);
      for (const item of review) sink.review(item);
    });
  }

  /**
   * `replace` with rows written as `produce` makes them: they wait in temporary tables, so a large run is
   * never held in memory, and others (reviewers) can write until one short transaction swaps them in.
   */
  rewrite(runId: string, produce: (sink: ResultSink) => void): void {
    withSmallCaches(this.db, () => this.stageAndSwap(runId, produce));
  }

  private stageAndSwap(runId: string, produce: (sink: ResultSink) => void): void {
    const create = Object.entries(STAGES).map(
      ([table, columns]) => `CREATE TEMP TABLE ${table} (${columns});`,
    );
    this.db.exec(`${DROP_STAGES}\n${create.join("\n")}`);
    try {
      const [scores, agreement, review] = [
        stager(this.db, "staged_scores"),
        stager(this.db, "staged_agreement"),
        stager(this.db, "staged_review"),
      ];
      // Deferred: it writes only temporary tables, and reads the run as one snapshot.
      this.db.transaction(() => {
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
      this.db.exec("CREATE INDEX temp.staged_review_key ON staged_review (case_id, field)");
      this.swapIn(runId);
    } finally {
      this.db.exec(DROP_STAGES);
    }
  }

  private swapIn(runId: string): void {
    const run = (sql: string) => this.db.prepare(sql).run(runId);
    this.db
      .transaction(() => {
        run("DELETE FROM scores WHERE run_id = ?");
        run("DELETE FROM agreement WHERE run_id = ?");
        // In primary-key order, each insert appends to the index instead of landing at random.
        run(`INSERT INTO scores (run_id, case_id, model_id, rep, field, correct, outcome, gold, predicted)
             SELECT ?, * FROM temp.staged_scores ORDER BY model_id, field, case_id, rep`);
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
      })
      .immediate();
  }

  scores(runId: string): ScoreRow[] {
    const rows = this.db
      .prepare(
        "SELECT case_id, model_id, rep, field, correct, outcome, gold, predicted FROM scores WHERE run_id = ?",
      )
      .all(runId) as Record<string, unknown>[];
    return rows.map((row) => ({
      caseId: String(row.case_id),
      modelId: String(row.model_id),
      rep: Number(row.rep),
      field: String(row.field),
      correct: row.correct === 1,
      outcome: String(row.outcome),
      gold: JSON.parse(String(row.gold)),
      predicted: JSON.parse(String(row.predicted)),
    }));
  }

  agreement(runId: string): AgreementRow[] {
    const rows = this.db
      .prepare("SELECT case_id, field, agreed FROM agreement WHERE run_id = ?")
      .all(runId) as {
      case_id: string;
      field: string;
      agreed: number;
    }[];
    return rows.map((row) => ({ caseId: row.case_id, field: row.field, agreed: row.agreed === 1 }));
  }

  reviewCount(runId: string): { queued: number; byReason: Record<string, number> } {
    const rows = this.db
      .prepare(
        "SELECT reason, COUNT(*) AS n FROM review_items WHERE run_id = ? AND status = 'queued' GROUP BY reason",
      )
      .all(runId) as { reason: string; n: number }[];
    const byReason = Object.fromEntries(rows.map((row) => [row.reason, row.n]));
    return { queued: rows.reduce((sum, row) => sum + row.n, 0), byReason };
  }

  /** Outcomes of a run counted by model, field and kind; `goldNone` only for invalid outputs, as metrics read it. */
  outcomeCounts(runId: string): OutcomeCount[] {
    const rows = this.db
      .prepare(
        `SELECT model_id AS modelId, field, outcome, correct, COUNT(*) AS n,
           CASE WHEN outcome = 'invalid' THEN json_extract(gold, '$.kind') = 'none' ELSE 0 END AS goldNone
         FROM scores WHERE run_id = ? GROUP BY model_id, field, outcome, correct, goldNone`,
      )
      .all(runId) as (Omit<OutcomeCount, "correct" | "goldNone"> & { correct: number; goldNone: number })[];
    return rows.map((row) => ({ ...row, correct: row.correct === 1, goldNone: row.goldNone === 1 }));
  }

  /** Per field, how many (case, field) rows the models agreed on, of `n`. */
  agreementCounts(runId: string): { field: string; agreed: number; n: number }[] {
    return this.db
      .prepare(
        "SELECT field, SUM(agreed) AS agreed, COUNT(*) AS n FROM agreement WHERE run_id = ? GROUP BY field",
      )
      .all(runId) as { field: string; agreed: number; n: number }[];
  }

  /** Whether each model's first repetition got each field right, one row at a time. */
  *firstRepOutcomes(
    runId: string,
  ): Generator<{ modelId: string; field: string; caseId: string; correct: number }> {
    yield* this.db
      .prepare(
        "SELECT model_id AS modelId, field, case_id AS caseId, correct FROM scores WHERE run_id = ? AND rep = 0",
      )
      .iterate(runId) as IterableIterator<{
      modelId: string;
      field: string;
      caseId: string;
      correct: number;
    }>;
  }

  /** Per field, calls both models were scored on and how many each got right (the voice stage's penalty). */
  paired(runId: string, a: string, b: string): PairedCounts[] {
    return pairedCounts(this.db, runId, a, b);
  }

  /** Scores of noisy variants (`callgrade perturb`) per model, field and noise level. */
  byNoiseLevel(runId: string): LevelCounts[] {
    return noiseLevelCounts(this.db, runId);
  }

  /** The noise levels of a run's cases, with the corpus word error rate each really has. */
  noiseLevels(runId: string): ReturnType<typeof noiseLevels> {
    return noiseLevels(this.db, runId);
  }
}

// Scores, agreement and the review queue of a run. Re-scoring replaces scores, and never drops a graded item.
import type { Db } from "./db.js";
import { stageAndSwap } from "./results-staging.js";
import type { ReviewReason } from "./review-rows.js";
import {
  type LevelCounts,
  noiseLevelCounts,
  noiseLevels,
  type PairedCounts,
  pairedCounts,
} from "./score-queries.js";
import {
  type CaseFieldScore,
  caseFieldScores,
  type SliceCaseValue,
  type SliceValueCount,
  sliceCaseValues,
  sliceValueCounts,
} from "./slice-queries.js";
import { guardStorage } from "./storage-guard.js";

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
  reason: ReviewReason;
  modelValues: Record<string, unknown>;
  priority: number;
}

/** Where a re-scoring writes its rows, one at a time. */
export interface ResultSink {
  score(row: ScoreRow): void;
  agreement(row: AgreementRow): void;
  review(item: ReviewItemInput): void;
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
    guardStorage(this.db, runId, () => stageAndSwap(this.db, runId, produce));
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

  /**
   * Outcomes of a run counted by model, field and kind; `goldNone` only for invalid outputs, as metrics read it.
   * Counted once, when the run is scored (outcome_counts), not on every read.
   */
  outcomeCounts(runId: string): OutcomeCount[] {
    const rows = this.db
      .prepare(
        `SELECT model_id AS "modelId", field, outcome, correct, n, gold_none AS "goldNone"
         FROM outcome_counts WHERE run_id = ?`,
      )
      .all(runId) as (Omit<OutcomeCount, "correct" | "goldNone"> & { correct: number; goldNone: number })[];
    return rows.map((row) => ({ ...row, correct: row.correct === 1, goldNone: row.goldNone === 1 }));
  }

  /**
   * Keeps figures derived from the run's scoring (report.html's agreement figures), under the stamp of that
   * scoring; `figures` is read back as it was given, by `keptFigures` with the same stamp.
   */
  keepFigures(runId: string, stamp: string, figures: unknown): void {
    guardStorage(this.db, runId, () =>
      this.db
        .prepare(
          `INSERT INTO report_figures (run_id, stamp, figures) VALUES (?, ?, ?)
           ON CONFLICT (run_id) DO UPDATE SET stamp = excluded.stamp, figures = excluded.figures`,
        )
        .run(runId, stamp, JSON.stringify(figures)),
    );
  }

  /** The figures kept for the run under `stamp`; undefined when none were, or under another stamp. */
  keptFigures(runId: string, stamp: string): unknown {
    const text = this.db
      .prepare("SELECT figures FROM report_figures WHERE run_id = ? AND stamp = ?")
      .pluck()
      .get(runId, stamp);
    return typeof text === "string" ? JSON.parse(text) : undefined;
  }

  /** Per field, how many (case, field) rows the models agreed on, of `n`. */
  agreementCounts(runId: string): { field: string; agreed: number; n: number }[] {
    return this.db
      .prepare(
        "SELECT field, SUM(agreed) AS agreed, COUNT(*) AS n FROM agreement WHERE run_id = ? GROUP BY field",
      )
      .all(runId) as { field: string; agreed: number; n: number }[];
  }

  /** Whether each model's first repetition got each field right, one row at a time; unreadable values are in no metric. */
  *firstRepOutcomes(
    runId: string,
  ): Generator<{ modelId: string; field: string; caseId: string; correct: number }> {
    yield* this.db
      .prepare(
        `SELECT model_id AS "modelId", field, case_id AS "caseId", correct FROM scores
         WHERE run_id = ? AND rep = 0 AND outcome != 'unreadable'`,
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

  /** Each meta key's values with their numbers of cases, by key, most common first (the suite's `slices`). */
  sliceValueCounts(runId: string, keys: readonly string[]): SliceValueCount[] {
    return sliceValueCounts(this.db, runId, keys);
  }

  /** Each case's value of each meta key, a row at a time. */
  sliceCaseValues(runId: string, keys: readonly string[]): IterableIterator<SliceCaseValue> {
    return sliceCaseValues(this.db, runId, keys);
  }

  /** Scored and correct calls per model, case and field, each model's cases together. */
  caseFieldScores(runId: string): IterableIterator<CaseFieldScore> {
    return caseFieldScores(this.db, runId);
  }

  /** The noise levels of a run's cases, with the corpus word error rate each really has. */
  noiseLevels(runId: string): ReturnType<typeof noiseLevels> {
    return noiseLevels(this.db, runId);
  }
}

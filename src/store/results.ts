// Scores, agreement and the review queue of a run. Re-scoring replaces scores, and never drops a graded item.
import type { Db } from "./open.js";

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

export interface ReviewItemInput {
  caseId: string;
  field: string;
  reason: "disagreement" | "invalid" | "free-text";
  modelValues: Record<string, unknown>;
  priority: number;
}

export class Results {
  constructor(private readonly db: Db) {}

  replace(runId: string, scores: ScoreRow[], agreement: AgreementRow[], review: ReviewItemInput[]): void {
    const insertScore = this.db.prepare(
      `INSERT INTO scores (run_id, case_id, model_id, rep, field, correct, outcome, gold, predicted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertAgreement = this.db.prepare(
      "INSERT INTO agreement (run_id, case_id, field, agreed) VALUES (?, ?, ?, ?)",
    );
    const upsertItem = this.db.prepare(
      `INSERT INTO review_items (run_id, case_id, field, reason, model_values, priority) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, case_id, field) DO UPDATE SET
         reason = excluded.reason, model_values = excluded.model_values, priority = excluded.priority`,
    );
    this.db
      .transaction(() => {
        this.db.prepare("DELETE FROM scores WHERE run_id = ?").run(runId);
        this.db.prepare("DELETE FROM agreement WHERE run_id = ?").run(runId);
        for (const s of scores) {
          insertScore.run(
            runId,
            s.caseId,
            s.modelId,
            s.rep,
            s.field,
            s.correct ? 1 : 0,
            s.outcome,
            JSON.stringify(s.gold),
            JSON.stringify(s.predicted),
          );
        }
        for (const a of agreement) insertAgreement.run(runId, a.caseId, a.field, a.agreed ? 1 : 0);
        const keep = new Set(review.map((item) => `${item.caseId}\u0000${item.field}`));
        const existing = this.db
          .prepare(
            `SELECT id, case_id, field FROM review_items r WHERE run_id = ?
           AND NOT EXISTS (SELECT 1 FROM grades g WHERE g.review_item_id = r.id)`,
          )
          .all(runId) as { id: number; case_id: string; field: string }[];
        const drop = this.db.prepare("DELETE FROM review_items WHERE id = ?");
        for (const row of existing) if (!keep.has(`${row.case_id}\u0000${row.field}`)) drop.run(row.id);
        for (const item of review) {
          upsertItem.run(
            runId,
            item.caseId,
            item.field,
            item.reason,
            JSON.stringify(item.modelValues),
            item.priority,
          );
        }
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
}

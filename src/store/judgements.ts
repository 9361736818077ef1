// A judge model's verdicts on free-text answers: each a model call of its own, with its validated verdict.
import { batchInsert } from "./batch-insert.js";
import { CACHE_UPSERT, cacheRow } from "./cache.js";
import type { Db, Statement } from "./db.js";
import {
  columnsOf,
  fromRow,
  JUDGEMENT_COLUMNS,
  JUDGEMENT_KEY,
  JUDGEMENT_UPDATES,
  JUDGEMENT_WIDTH,
  type JudgementRecord,
  judgementKey,
  type Row,
  type StoredJudgement,
} from "./judgement-rows.js";
import { guardStorage } from "./storage-guard.js";

export {
  type JudgementRecord,
  type JudgementVerdict,
  judgementKey,
  type StoredJudgement,
} from "./judgement-rows.js";

export class Judgements {
  private readonly upsertCache: Statement<unknown[]>;
  private readonly write: (records: readonly JudgementRecord[]) => void;

  constructor(private readonly db: Db) {
    this.upsertCache = db.prepare(CACHE_UPSERT);
    const write = db.transaction((records: readonly JudgementRecord[]) => this.writeAll(records));
    this.write = (records) => write.immediate(records);
  }

  /**
   * Stores finished judgements in one transaction, each with its cache row: a judgement stored again (a
   * resume's retry) replaces the one under its key.
   */
  recordAll(records: readonly JudgementRecord[]): void {
    if (records.length > 0) guardStorage(this.db, records[0]?.runId, () => this.write(records));
  }

  /**
   * Up to 64 rows to a statement on both backends (batchInsert). A key twice in one batch is written once, as
   * its last record says: PostgreSQL refuses to upsert a row twice in one statement.
   */
  private writeAll(records: readonly JudgementRecord[]): void {
    const finishedAt = new Date().toISOString();
    const latest = new Map<string, JudgementRecord>();
    for (const r of records)
      latest.set(`${r.runId}\0${judgementKey(r.caseId, r.modelId, r.rep, r.field, r.judgeId)}`, r);
    // A fresh one each transaction: one kept would still hold the rows of a batch that failed.
    const insert = batchInsert(
      this.db,
      `INSERT INTO judgements (${JUDGEMENT_COLUMNS})`,
      JUDGEMENT_WIDTH,
      `ON CONFLICT (${JUDGEMENT_KEY}) DO UPDATE SET ${JUDGEMENT_UPDATES}`,
    );
    for (const record of latest.values()) insert.add(...columnsOf(record, finishedAt));
    insert.flush();
    for (const record of records) {
      const cached = record.cache;
      if (!cached) continue;
      // The judge gave this answer: the cache row is the judge's, as a call's is its model's.
      this.upsertCache.run(...cacheRow(cached.key, record.judgeId, cached.response, finishedAt));
    }
  }

  /** A run's judgements in the dataset's order of their cases, then by model, repetition, field and judge. */
  forRun(runId: string): StoredJudgement[] {
    const rows = this.db
      .prepare(
        `SELECT j.* FROM judgements j LEFT JOIN cases k ON k.run_id = j.run_id AND k.case_id = j.case_id
         WHERE j.run_id = ?
         ORDER BY CASE WHEN k.idx IS NULL THEN 1 ELSE 0 END, k.idx, j.case_id, j.model_id, j.rep, j.field,
           j.judge_id`,
      )
      .all(runId) as Row[];
    return rows.map(fromRow);
  }

  /** One case's judgements, by model, repetition, field and judge (what its review screen shows). */
  forCase(runId: string, caseId: string): StoredJudgement[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM judgements WHERE run_id = ? AND case_id = ?
         ORDER BY model_id, rep, field, judge_id`,
      )
      .all(runId, caseId) as Row[];
    return rows.map(fromRow);
  }

  /**
   * Judgements that need no new call on a resume: a verdict, an answer that was no verdict (asking again
   * would cost the same and likely answer alike, as a call's invalid output is kept), and failures a retry
   * cannot mend. Keys are judgementKey's.
   */
  settled(runId: string, retryableKinds: readonly string[]): Set<string> {
    const rows = this.db
      .prepare(
        "SELECT case_id, model_id, rep, field, judge_id, status, error_kind FROM judgements WHERE run_id = ?",
      )
      .all(runId) as Row[];
    const settled = new Set<string>();
    for (const row of rows) {
      if (row.status !== "error" || !retryableKinds.includes(String(row.error_kind ?? ""))) {
        settled.add(
          judgementKey(
            String(row.case_id),
            String(row.model_id),
            Number(row.rep),
            String(row.field),
            String(row.judge_id),
          ),
        );
      }
    }
    return settled;
  }

  count(runId: string): number {
    return Number(this.db.prepare("SELECT COUNT(*) FROM judgements WHERE run_id = ?").pluck().get(runId));
  }
}

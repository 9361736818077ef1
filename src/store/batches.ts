// The providers' batches a run's calls went out in: written before a batch is sent (state `submitting`),
// given the provider's id once it answered (`submitted`), and closed once every result is stored
// (`collected`). A call in a batch not yet collected is not sent again.
import type { BatchState } from "../core/types.js";
import { batchInsert } from "./batch-insert.js";
import type { Db } from "./db.js";

/** One call of a batch: its case's place in the dataset, and its repetition. */
export interface BatchCall {
  idx: number;
  rep: number;
}

export interface StoredBatch {
  tag: string;
  runId: string;
  modelId: string;
  /** The provider's id; null while the submission has no answer yet. */
  batchId: string | null;
  state: "submitting" | "submitted" | "collected";
  requests: number;
  createdAt: string;
  status: string | null;
  succeeded: number;
  failed: number;
  expiresAt: string | null;
  endedAt: string | null;
  collectedAt: string | null;
}

interface Row {
  tag: string;
  run_id: string;
  model_id: string;
  batch_id: string | null;
  state: StoredBatch["state"];
  requests: number;
  created_at: string;
  status: string | null;
  succeeded: number;
  failed: number;
  expires_at: string | null;
  ended_at: string | null;
  collected_at: string | null;
}

const fromRow = (row: Row): StoredBatch => ({
  tag: row.tag,
  runId: row.run_id,
  modelId: row.model_id,
  batchId: row.batch_id,
  state: row.state,
  requests: Number(row.requests),
  createdAt: row.created_at,
  status: row.status,
  succeeded: Number(row.succeeded),
  failed: Number(row.failed),
  expiresAt: row.expires_at,
  endedAt: row.ended_at,
  collectedAt: row.collected_at,
});

export class Batches {
  constructor(private readonly db: Db) {}

  /** Writes a batch about to be sent, and its calls, in one transaction: before a byte leaves. */
  open(
    batch: { tag: string; runId: string; modelId: string; createdAt: string },
    calls: readonly BatchCall[],
  ) {
    this.db
      .transaction(() => {
        this.db
          .prepare(
            "INSERT INTO batches (tag, run_id, model_id, state, requests, created_at) VALUES (?, ?, ?, 'submitting', ?, ?)",
          )
          .run(batch.tag, batch.runId, batch.modelId, calls.length, batch.createdAt);
        const insert = batchInsert(this.db, "INSERT INTO batch_calls (tag, idx, rep)", 3);
        for (const call of calls) insert.add(batch.tag, call.idx, call.rep);
        insert.flush();
      })
      .immediate();
  }

  /** What the provider last said of a batch: its id (once known), status, counts and times. */
  update(tag: string, state: BatchState): void {
    this.db
      .prepare(
        `UPDATE batches SET batch_id = ?, state = CASE WHEN state = 'submitting' THEN 'submitted' ELSE state END,
           status = ?, succeeded = ?, failed = ?, expires_at = ?, ended_at = ? WHERE tag = ?`,
      )
      .run(
        state.id,
        state.status,
        state.counts.succeeded,
        state.counts.failed,
        state.expiresAt,
        state.endedAt,
        tag,
      );
  }

  /** Every result of the batch is stored: its calls may be sent again where they failed. */
  collected(tag: string, at = new Date().toISOString()): void {
    this.db.prepare("UPDATE batches SET state = 'collected', collected_at = ? WHERE tag = ?").run(at, tag);
  }

  /** A submission the provider never got (looked for, and not found): its calls are free to go again. */
  drop(tag: string): void {
    this.db.prepare("DELETE FROM batches WHERE tag = ? AND state = 'submitting'").run(tag);
  }

  /** The run's batches, oldest first; only one model's with `modelId`. */
  forRun(runId: string, modelId?: string): StoredBatch[] {
    const rows = (
      modelId === undefined
        ? this.db.prepare("SELECT * FROM batches WHERE run_id = ? ORDER BY created_at, tag").all(runId)
        : this.db
            .prepare("SELECT * FROM batches WHERE run_id = ? AND model_id = ? ORDER BY created_at, tag")
            .all(runId, modelId)
    ) as Row[];
    return rows.map(fromRow);
  }

  /**
   * The model's calls of repetition `rep` that need sending, in dataset order: no terminal result stored
   * (`retryableKinds` are not terminal) and in no batch the provider still holds; with the batches each was
   * in already (its tries). Worked out by the store, so a run of 100,000 calls holds only what is left.
   */
  unsent(
    runId: string,
    modelId: string,
    rep: number,
    retryableKinds: readonly string[],
  ): { idx: number; tries: number }[] {
    const kinds = retryableKinds.map(() => "?").join(", ");
    const rows = this.db
      .prepare(
        `SELECT k.idx, (SELECT COUNT(*) FROM batch_calls c JOIN batches b ON b.tag = c.tag
             WHERE c.idx = k.idx AND c.rep = ? AND b.run_id = k.run_id AND b.model_id = ? AND b.state = 'collected'
           ) AS tries
         FROM cases k
         WHERE k.run_id = ?
           AND NOT EXISTS (SELECT 1 FROM calls x WHERE x.run_id = k.run_id AND x.case_id = k.case_id
             AND x.model_id = ? AND x.rep = ?
             AND (x.status = 'ok' OR x.error_kind IS NULL OR x.error_kind NOT IN (${kinds || "''"})))
           AND NOT EXISTS (SELECT 1 FROM batch_calls c JOIN batches b ON b.tag = c.tag
             WHERE c.idx = k.idx AND c.rep = ? AND b.run_id = k.run_id AND b.model_id = ? AND b.state != 'collected')
         ORDER BY k.idx`,
      )
      .all(rep, modelId, runId, modelId, rep, ...retryableKinds, rep, modelId) as {
      idx: number | string;
      tries: number | string;
    }[];
    return rows.map((row) => ({ idx: Number(row.idx), tries: Number(row.tries) }));
  }

  /**
   * The calls of a batch that still need its result: those with no terminal result stored (a result read
   * before a download was cut, or a kill, is one). A result for any other call is not this batch's to store.
   */
  awaiting(tag: string, retryableKinds: readonly string[]): BatchCall[] {
    const kinds = retryableKinds.map(() => "?").join(", ");
    const rows = this.db
      .prepare(
        `SELECT c.idx, c.rep FROM batch_calls c
         JOIN batches b ON b.tag = c.tag
         JOIN cases k ON k.run_id = b.run_id AND k.idx = c.idx
         WHERE c.tag = ?
           AND NOT EXISTS (SELECT 1 FROM calls x WHERE x.run_id = b.run_id AND x.case_id = k.case_id
             AND x.model_id = b.model_id AND x.rep = c.rep
             AND (x.status = 'ok' OR x.error_kind IS NULL OR x.error_kind NOT IN (${kinds || "''"})))`,
      )
      .all(tag, ...retryableKinds) as { idx: number | string; rep: number | string }[];
    return rows.map((row) => ({ idx: Number(row.idx), rep: Number(row.rep) }));
  }

  /** How many of the run's batches are not collected yet. */
  waiting(runId: string): number {
    const row = this.db
      .prepare("SELECT COUNT(*) AS n FROM batches WHERE run_id = ? AND state != 'collected'")
      .get(runId) as { n: number | string };
    return Number(row.n);
  }
}

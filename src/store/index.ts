// The store (a SQLite file or a PostgreSQL database): runs, calls, outputs, judgements, scores, the review queue,
// grades and the cache.

import { Batches } from "./batches.js";
import { ResponseCache } from "./cache.js";
import { Calls } from "./calls.js";
import type { Db } from "./db.js";
import { Judgements } from "./judgements.js";
import { openDb } from "./open.js";
import { isPostgresAddress, maskedAddress } from "./pg/address.js";
import { openPostgres } from "./pg/open.js";
import { PgError } from "./pg/sync-client.js";
import { Results } from "./results.js";
import { Review } from "./review.js";
import { Runs } from "./runs.js";
import { Transcripts } from "./transcripts.js";

export type { BatchCall, StoredBatch } from "./batches.js";
export type { CachedResponse } from "./cache.js";
export { type CallRecord, callKey, type StoredCall } from "./calls.js";
export {
  type JudgementRecord,
  type Judgements,
  type JudgementVerdict,
  judgementKey,
  type StoredJudgement,
} from "./judgements.js";
export { invalidIssues } from "./model-values.js";
export type { AgreementRow, ReviewItemInput, ScoreRow } from "./results.js";
export type { Review } from "./review.js";
export type { UndoneGrade } from "./review-grades.js";
export type {
  GradeMark,
  ReviewReason,
  StoredGrade,
  StoredNote,
  StoredReviewCase,
  StoredReviewItem,
} from "./review-rows.js";
export type { NewRun } from "./run-create.js";
export type { RunListItem, RunListOptions } from "./run-list.js";
export type { RunModel, RunRecord } from "./runs.js";
export type { StoredTranscript, TranscriptRecord } from "./transcripts.js";

/**
 * Whether a store's error is its connection lost (a PostgreSQL server restarting or out of reach): what was
 * being written was not, and may be written again once the server answers. A SQLite file never is.
 */
export function isConnectionLost(error: unknown): boolean {
  return error instanceof PgError && error.lost;
}

export class Store {
  readonly runs: Runs;
  readonly calls: Calls;
  readonly cache: ResponseCache;
  readonly results: Results;
  readonly review: Review;
  readonly transcripts: Transcripts;
  readonly judgements: Judgements;
  readonly batches: Batches;

  private constructor(
    readonly db: Db,
    readonly file: string,
  ) {
    this.runs = new Runs(db);
    this.calls = new Calls(db);
    this.cache = new ResponseCache(db);
    this.results = new Results(db);
    this.review = new Review(db);
    this.transcripts = new Transcripts(db);
    this.judgements = new Judgements(db);
    this.batches = new Batches(db);
  }

  /** A SQLite file (made with its folder if need be), or a PostgreSQL database by its postgres:// address. */
  static open(file: string): Store {
    // A PostgreSQL address is kept and shown with its password masked: `file` appears in messages and results.
    return isPostgresAddress(file)
      ? new Store(openPostgres(file), maskedAddress(file))
      : new Store(openDb(file), file);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

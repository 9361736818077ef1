// Speech recognisers' transcripts of a run's audio, each with its error counts against the reference.
import type { AlignmentCounts } from "../core/summary.js";
import type { Db, Statement } from "./db.js";
import { dialectOf } from "./dialect.js";
import { guardStorage } from "./storage-guard.js";

export interface TranscriptRecord {
  runId: string;
  caseId: string;
  recogniser: string;
  text: string | null;
  /** A run's error kind (rate_limit, timeout, ...) or `audio`: the file could not be taken. */
  error: { kind: string; message: string } | null;
  latencyMs: number;
  attempts: number;
  fromCache: boolean;
  /** Word and character error counts against the reference transcript; null without a transcript. */
  words: AlignmentCounts | null;
  chars: AlignmentCounts | null;
}

export type StoredTranscript = Omit<TranscriptRecord, "runId">;

type Row = Record<string, unknown>;

function fromRow(row: Row): StoredTranscript {
  const parse = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : null);
  return {
    caseId: String(row.case_id),
    recogniser: String(row.recogniser),
    text: (row.text as string | null) ?? null,
    error:
      row.status === "error"
        ? { kind: String(row.error_kind), message: String(row.error_message ?? "") }
        : null,
    latencyMs: Number(row.latency_ms),
    attempts: Number(row.attempts),
    fromCache: row.from_cache === 1,
    words: parse(row.words),
    chars: parse(row.chars),
  };
}

export class Transcripts {
  private readonly insert: Statement<unknown[]>;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO transcripts (run_id, case_id, recogniser, status, error_kind, error_message, text,
         latency_ms, attempts, from_cache, words, chars, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, recogniser, case_id) DO UPDATE SET status = excluded.status,
         error_kind = excluded.error_kind, error_message = excluded.error_message, text = excluded.text,
         latency_ms = excluded.latency_ms, attempts = excluded.attempts, from_cache = excluded.from_cache,
         words = excluded.words, chars = excluded.chars, finished_at = excluded.finished_at`,
    );
  }

  /** Stores a recogniser's result for a case; a resume replaces a failed one. */
  record(t: TranscriptRecord): void {
    guardStorage(this.db, t.runId, () =>
      this.insert.run(
        t.runId,
        t.caseId,
        t.recogniser,
        t.error ? "error" : "ok",
        t.error?.kind ?? null,
        t.error?.message ?? null,
        t.text,
        t.latencyMs,
        t.attempts,
        t.fromCache ? 1 : 0,
        t.words ? JSON.stringify(t.words) : null,
        t.chars ? JSON.stringify(t.chars) : null,
        new Date().toISOString(),
      ),
    );
  }

  /** One recogniser's transcripts of a run's cases, by case id; read whole (a few hundred bytes a call). */
  of(runId: string, recogniser: string, caseIds: readonly string[]): Map<string, StoredTranscript> {
    const rows = this.db
      .prepare(
        `SELECT * FROM transcripts WHERE run_id = ? AND recogniser = ?
           AND ${dialectOf(this.db).inJsonArray("case_id")}`,
      )
      .all(runId, recogniser, JSON.stringify(caseIds)) as Row[];
    return new Map(rows.map((row) => [String(row.case_id), fromRow(row)]));
  }

  /** Every transcript of a run, one recogniser after another, streamed. */
  *forRun(runId: string): Generator<StoredTranscript> {
    const rows = this.db
      .prepare("SELECT * FROM transcripts WHERE run_id = ? ORDER BY recogniser, case_id")
      .iterate(runId) as IterableIterator<Row>;
    for (const row of rows) yield fromRow(row);
  }

  /** How many cases a recogniser has a transcript of. */
  count(runId: string, recogniser: string): number {
    return this.db
      .prepare("SELECT count(*) FROM transcripts WHERE run_id = ? AND recogniser = ? AND status = 'ok'")
      .pluck()
      .get(runId, recogniser) as number;
  }

  /** Case ids a recogniser has a transcript for: a resume recognises only the others. */
  done(runId: string, recogniser: string): Set<string> {
    const ids = this.db
      .prepare("SELECT case_id FROM transcripts WHERE run_id = ? AND recogniser = ? AND status = 'ok'")
      .pluck()
      .all(runId, recogniser) as string[];
    return new Set(ids);
  }
}

// Writes finished calls: the call, its validated output and its cache row, many calls to a transaction.
import { MAX_RAW_DEPTH, stringifyBounded } from "../core/json-limits.js";
import type { CallError, Output, Usage } from "../core/types.js";
import type { CachedResponse } from "./cache.js";
import type { Db, Statement } from "./db.js";
import { dialectOf } from "./dialect.js";
import { guardStorage } from "./storage-guard.js";

export interface CallRecord {
  runId: string;
  caseId: string;
  modelId: string;
  rep: number;
  text: string | null;
  error: CallError | null;
  raw: unknown;
  usage: Usage;
  costUsd: number | null;
  latencyMs: number;
  attempts: number;
  fromCache: boolean;
  output: Output | null;
  /** A fresh answer to keep in the response cache, written in the same transaction as the call. */
  cache?: { key: string; response: CachedResponse };
}

const MAX_RAW_CHARS = 64_000;

type Row = (string | number | bigint | null)[];

const CALL_COLUMNS = `run_id, case_id, model_id, rep, status, error_kind, error_message, text, raw,
  input_tokens, output_tokens, cached_input_tokens, cost_usd, latency_ms, attempts, from_cache, finished_at`;
const CALL_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
const UPDATED = CALL_COLUMNS.split(",")
  .map((column) => column.trim())
  .filter((column) => !["run_id", "case_id", "model_id", "rep"].includes(column))
  .map((column) => `${column} = excluded.${column}`)
  .join(", ");

/**
 * PostgreSQL: the call, and its output (or the removal of an earlier one's), in one statement, so a call
 * costs one round trip. A call stored again keeps its id; SQLite's INSERT OR REPLACE gives it a new one, and
 * drops its output with the old row. The last parameter says whether there is an output (1) or not (0).
 */
const PG_CALL = `WITH call AS (
    INSERT INTO calls (${CALL_COLUMNS}) VALUES (${CALL_VALUES})
    ON CONFLICT (run_id, case_id, model_id, rep) DO UPDATE SET ${UPDATED}
    RETURNING id
  ), dropped AS (
    DELETE FROM outputs WHERE call_id IN (SELECT id FROM call) AND CAST(? AS INTEGER) = 0
  )
  INSERT INTO outputs (call_id, valid, reason, value, issues)
  SELECT id, CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT) FROM call
  WHERE CAST(? AS INTEGER) = 1
  ON CONFLICT (call_id) DO UPDATE SET valid = excluded.valid, reason = excluded.reason, value = excluded.value,
    issues = excluded.issues`;

export class CallWriter {
  // Prepared once: preparing three statements per call cost more than writing it (npm run bench).
  private readonly insertCall: Statement<Row>;
  private readonly insertOutput: Statement<Row>;
  private readonly upsertCache: Statement<Row>;
  /** PostgreSQL's one statement for a call and its output; undefined on SQLite. */
  private readonly pgCall: Statement<Row> | undefined;
  private readonly many: (calls: readonly CallRecord[]) => void;

  constructor(private readonly db: Db) {
    this.insertCall = db.prepare(`INSERT OR REPLACE INTO calls (${CALL_COLUMNS}) VALUES (${CALL_VALUES})`);
    this.insertOutput = db.prepare(
      "INSERT OR REPLACE INTO outputs (call_id, valid, reason, value, issues) VALUES (?, ?, ?, ?, ?)",
    );
    this.pgCall = dialectOf(db).name === "postgres" ? db.prepare(PG_CALL) : undefined;
    this.upsertCache = db.prepare(
      `INSERT INTO cache (key, model, text, usage, finish_reason, latency_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET model = excluded.model, text = excluded.text, usage = excluded.usage,
         finish_reason = excluded.finish_reason, latency_ms = excluded.latency_ms, created_at = excluded.created_at`,
    );
    const write = db.transaction((calls: readonly CallRecord[]) => {
      const finishedAt = new Date().toISOString();
      for (const call of calls) this.writeOne(call, finishedAt);
    });
    this.many = (calls) => write.immediate(calls);
  }

  /**
   * Stores finished calls in one transaction: a call never exists without its output or its cache row, and a
   * batch is all there or not at all.
   */
  record(calls: readonly CallRecord[]): void {
    if (calls.length > 0) guardStorage(this.db, calls[0]?.runId, () => this.many(calls));
  }

  private writeOne(call: CallRecord, finishedAt: string): void {
    const raw =
      call.raw === undefined
        ? null
        : (stringifyBounded(call.raw, MAX_RAW_DEPTH) ??
          JSON.stringify({ omitted: `the response nests deeper than ${MAX_RAW_DEPTH} levels` }));
    const columns: Row = [
      call.runId,
      call.caseId,
      call.modelId,
      call.rep,
      call.error ? "error" : "ok",
      call.error?.kind ?? null,
      call.error?.message ?? null,
      call.text,
      raw && raw.length > MAX_RAW_CHARS ? JSON.stringify({ truncated: raw.slice(0, MAX_RAW_CHARS) }) : raw,
      call.usage.inputTokens,
      call.usage.outputTokens,
      call.usage.cachedInputTokens,
      call.costUsd,
      call.latencyMs,
      call.attempts,
      call.fromCache ? 1 : 0,
      finishedAt,
    ];
    const output = call.output;
    const outputColumns: Row = output
      ? [
          output.ok ? 1 : 0,
          output.ok ? null : output.reason,
          output.value === undefined ? null : JSON.stringify(output.value),
          JSON.stringify(output.issues),
        ]
      : [null, null, null, null];
    if (this.pgCall) {
      const has = output ? 1 : 0;
      this.pgCall.run(...columns, has, ...outputColumns, has);
    } else {
      const info = this.insertCall.run(...columns);
      if (output) this.insertOutput.run(info.lastInsertRowid, ...outputColumns);
    }
    const cached = call.cache;
    if (cached) {
      const { response } = cached;
      this.upsertCache.run(
        cached.key,
        call.modelId,
        response.text,
        JSON.stringify(response.usage),
        response.finishReason,
        response.latencyMs,
        finishedAt,
      );
    }
  }
}

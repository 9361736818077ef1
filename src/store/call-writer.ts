// Writes finished calls: the call, its validated output and its cache row, many calls to a transaction.
import { MAX_RAW_DEPTH, stringifyBounded } from "../core/json-limits.js";
import type { CallError, Output, Usage } from "../core/types.js";
import { CACHE_UPSERT, type CachedResponse, cacheRow } from "./cache.js";
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

/** A call's columns and its output's, by name, as the PostgreSQL batch statement reads them. */
const PG_INPUT = `run_id text COLLATE "C", case_id text COLLATE "C", model_id text COLLATE "C", rep integer,
  status text, error_kind text, error_message text, text text, raw text, input_tokens bigint,
  output_tokens bigint, cached_input_tokens bigint, cost_usd double precision, latency_ms double precision,
  attempts integer, from_cache integer, finished_at text, has_output integer, valid integer, reason text,
  value text, issues text`;
/** The names of a batch row's values, in the order columnsOf gives them (and has_output between). */
const PG_NAMES = [
  ...CALL_COLUMNS.split(",").map((column) => column.trim()),
  "has_output",
  "valid",
  "reason",
  "value",
  "issues",
];
const SAME_CALL =
  "i.run_id = c.run_id AND i.case_id = c.case_id AND i.model_id = c.model_id AND i.rep = c.rep";

/**
 * PostgreSQL: a whole batch of calls, and their outputs (or the removal of earlier ones'), in one statement
 * from one JSON parameter: one round trip and one firing of the revision triggers per batch, not per call.
 * A call stored again keeps its id; SQLite's INSERT OR REPLACE gives it a new one, dropping its output.
 */
const PG_BATCH = `WITH input AS (
    SELECT * FROM json_to_recordset(CAST(CAST(? AS TEXT) AS json)) AS i(${PG_INPUT})
  ), call AS (
    INSERT INTO calls (${CALL_COLUMNS}) SELECT ${CALL_COLUMNS} FROM input
    ON CONFLICT (run_id, case_id, model_id, rep) DO UPDATE SET ${UPDATED}
    RETURNING id, run_id, case_id, model_id, rep
  ), dropped AS (
    DELETE FROM outputs WHERE call_id IN (
      SELECT c.id FROM call c JOIN input i ON ${SAME_CALL} WHERE i.has_output = 0)
  )
  INSERT INTO outputs (call_id, valid, reason, value, issues)
  SELECT c.id, i.valid, i.reason, i.value, i.issues FROM call c JOIN input i ON ${SAME_CALL}
  WHERE i.has_output = 1
  ON CONFLICT (call_id) DO UPDATE SET valid = excluded.valid, reason = excluded.reason, value = excluded.value,
    issues = excluded.issues`;

export class CallWriter {
  // Prepared once: preparing three statements per call cost more than writing it (npm run bench).
  private readonly insertCall: Statement<Row>;
  private readonly insertOutput: Statement<Row>;
  private readonly upsertCache: Statement<Row>;
  /** PostgreSQL's one statement for a batch of calls and their outputs; undefined on SQLite. */
  private readonly pgBatch: Statement<[string]> | undefined;
  private readonly many: (calls: readonly CallRecord[]) => void;

  constructor(private readonly db: Db) {
    this.insertCall = db.prepare(`INSERT OR REPLACE INTO calls (${CALL_COLUMNS}) VALUES (${CALL_VALUES})`);
    this.insertOutput = db.prepare(
      "INSERT OR REPLACE INTO outputs (call_id, valid, reason, value, issues) VALUES (?, ?, ?, ?, ?)",
    );
    this.pgBatch = dialectOf(db).name === "postgres" ? db.prepare<[string]>(PG_BATCH) : undefined;
    this.upsertCache = db.prepare(CACHE_UPSERT);
    const write = db.transaction((calls: readonly CallRecord[]) => {
      const finishedAt = new Date().toISOString();
      if (this.pgBatch) this.writeBatch(calls, finishedAt);
      else for (const call of calls) this.writeOne(call, finishedAt);
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

  /** SQLite: the call, then its output under the call's new row id, then its cache row. */
  private writeOne(call: CallRecord, finishedAt: string): void {
    const [columns, outputColumns] = this.columnsOf(call, finishedAt);
    const info = this.insertCall.run(...columns);
    if (call.output) this.insertOutput.run(info.lastInsertRowid, ...outputColumns);
    this.writeCache(call, finishedAt);
  }

  /** A call's columns (CALL_COLUMNS' order), and its output's (valid, reason, value, issues; nulls for none). */
  private columnsOf(call: CallRecord, finishedAt: string): [Row, Row] {
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
    return [columns, outputColumns];
  }

  /** PostgreSQL: the batch as one JSON array of named columns, then the fresh answers' cache rows. */
  private writeBatch(calls: readonly CallRecord[], finishedAt: string): void {
    const rows = calls.map((call) => {
      const [columns, outputColumns] = this.columnsOf(call, finishedAt);
      const values = [...columns, call.output ? 1 : 0, ...outputColumns];
      return Object.fromEntries(PG_NAMES.map((name, i) => [name, values[i] ?? null]));
    });
    this.pgBatch?.run(JSON.stringify(rows));
    for (const call of calls) this.writeCache(call, finishedAt);
  }

  private writeCache(call: CallRecord, finishedAt: string): void {
    if (call.cache)
      this.upsertCache.run(...cacheRow(call.cache.key, call.modelId, call.cache.response, finishedAt));
  }
}

// Writes finished calls: the call, its validated output and its cache row, many calls to a transaction.
import { MAX_RAW_DEPTH, stringifyBounded } from "../core/json-limits.js";
import type { CallError, Output, Usage } from "../core/types.js";
import type { CachedResponse } from "./cache.js";
import type { Db, Statement } from "./db.js";
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

export class CallWriter {
  // Prepared once: preparing three statements per call cost more than writing it (npm run bench).
  private readonly insertCall: Statement<Row>;
  private readonly insertOutput: Statement<Row>;
  private readonly upsertCache: Statement<Row>;
  private readonly many: (calls: readonly CallRecord[]) => void;

  constructor(private readonly db: Db) {
    this.insertCall = db.prepare(
      `INSERT OR REPLACE INTO calls (run_id, case_id, model_id, rep, status, error_kind, error_message, text, raw,
         input_tokens, output_tokens, cached_input_tokens, cost_usd, latency_ms, attempts, from_cache, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertOutput = db.prepare(
      "INSERT OR REPLACE INTO outputs (call_id, valid, reason, value, issues) VALUES (?, ?, ?, ?, ?)",
    );
    this.upsertCache = db.prepare(
      `INSERT OR REPLACE INTO cache (key, model, text, usage, finish_reason, latency_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
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
    const info = this.insertCall.run(
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
    );
    const output = call.output;
    if (output) {
      this.insertOutput.run(
        info.lastInsertRowid,
        output.ok ? 1 : 0,
        output.ok ? null : output.reason,
        output.value === undefined ? null : JSON.stringify(output.value),
        JSON.stringify(output.issues),
      );
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

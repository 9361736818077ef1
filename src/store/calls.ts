import {
  type CallOutput,
  type CallTallyRow,
  type FailureMessage,
  parseIssues,
  type StoredCall,
  validity,
} from "./call-rows.js";
import { type CallRecord, CallWriter } from "./call-writer.js";
import type { Db, Statement } from "./db.js";
import { dialectOf } from "./dialect.js";

export type { CallOutput, CallTallyRow, FailureMessage, StoredCall } from "./call-rows.js";
export type { CallRecord } from "./call-writer.js";

const IN_ORDER = "ORDER BY c.case_id, c.model_id, c.rep";

export function callKey(caseId: string, modelId: string, rep: number): string {
  return `${caseId}\0${modelId}\0${rep}`;
}

export class Calls {
  private readonly writer: CallWriter;
  // Prepared once: scoring and reports read a run a page at a time.
  private selectOutputs: Statement<[string, string]> | undefined;

  constructor(private readonly db: Db) {
    this.writer = new CallWriter(db);
  }

  /** Stores one finished call with its output (and cache row) in one transaction. */
  record(call: CallRecord): void {
    this.writer.record([call]);
  }

  /** Stores finished calls, each with its output and cache row, all in one transaction. */
  recordAll(calls: readonly CallRecord[]): void {
    this.writer.record(calls);
  }

  /**
   * Calls of a run that need no second request on resume: answered ones, and ones that failed in a way a
   * retry cannot mend (auth, bad request, refusal...). Keys are `caseId\0modelId\0rep`.
   */
  settled(runId: string, retryableKinds: readonly string[]): Set<string> {
    const rows = this.db
      .prepare("SELECT case_id, model_id, rep, status, error_kind FROM calls WHERE run_id = ?")
      .all(runId) as {
      case_id: string;
      model_id: string;
      rep: number;
      status: string;
      error_kind: string | null;
    }[];
    const settled = new Set<string>();
    for (const row of rows) {
      if (row.status === "ok" || !retryableKinds.includes(row.error_kind ?? "")) {
        settled.add(callKey(row.case_id, row.model_id, row.rep));
      }
    }
    return settled;
  }

  /** How many of a run's calls failed with one of these error kinds (the ones a resume sends again). */
  failedWith(runId: string, kinds: readonly string[]): number {
    if (kinds.length === 0) return 0;
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM calls WHERE run_id = ? AND status != 'ok' AND error_kind IN (${kinds.map(() => "?").join(", ")})`,
      )
      .get(runId, ...kinds) as { n: number };
    return row.n;
  }

  /** In a fixed order, whatever order calls finished in: sums of floats (cost) must not vary by run. */
  forRun(runId: string): StoredCall[] {
    const rows = this.db
      .prepare(
        `SELECT c.case_id, c.model_id, c.rep, c.status, c.error_kind, c.error_message, c.text, c.input_tokens,
                c.output_tokens, c.cached_input_tokens, c.cost_usd, c.latency_ms, c.attempts, c.from_cache,
                o.valid, o.value, o.issues
         FROM calls c LEFT JOIN outputs o ON o.call_id = c.id
         WHERE c.run_id = ? ORDER BY c.case_id, c.model_id, c.rep`,
      )
      .all(runId) as Record<string, unknown>[];
    return rows.map((row) => ({
      caseId: String(row.case_id),
      modelId: String(row.model_id),
      rep: Number(row.rep),
      status: row.status === "ok" ? "ok" : "error",
      errorKind: (row.error_kind as string | null) ?? null,
      errorMessage: (row.error_message as string | null) ?? null,
      text: (row.text as string | null) ?? null,
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
      cachedInputTokens: Number(row.cached_input_tokens),
      costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
      latencyMs: Number(row.latency_ms),
      attempts: Number(row.attempts),
      fromCache: row.from_cache === 1,
      valid: row.valid === null || row.valid === undefined ? null : row.valid === 1,
      value: typeof row.value === "string" ? JSON.parse(row.value) : undefined,
      issues: parseIssues(row.issues),
    }));
  }

  /**
   * The run's calls counted and summed per model, status and error kind: a few rows, however large the run
   * (the summary tallied every call in JavaScript before, ~14 ms on 6,000 calls in npm run bench).
   */
  tallies(runId: string): CallTallyRow[] {
    return this.db
      .prepare(
        `SELECT c.model_id AS "modelId", c.status, c.error_kind AS "errorKind", COUNT(*) AS calls,
           SUM(c.from_cache) AS cached, SUM(CASE WHEN o.valid = 1 THEN 1 ELSE 0 END) AS valid,
           SUM(c.input_tokens) AS "inputTokens", SUM(c.output_tokens) AS "outputTokens",
           SUM(c.cached_input_tokens) AS "cachedInputTokens",
           COALESCE(SUM(c.cost_usd), 0) AS cost, SUM(CASE WHEN c.cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced
         FROM calls c LEFT JOIN outputs o ON o.call_id = c.id WHERE c.run_id = ?
         GROUP BY c.model_id, c.status, c.error_kind`,
      )
      .all(runId) as CallTallyRow[];
  }

  /**
   * A model's answered calls' latencies in ascending order, streamed: the store sorts, nothing is held. The
   * store must not be written until the iteration ends.
   */
  latenciesInOrder(runId: string, modelId: string, firstRepOnly = false): Iterable<number> {
    return this.db
      .prepare(
        `SELECT latency_ms FROM calls WHERE run_id = ? AND model_id = ? AND status = 'ok'
         ${firstRepOnly ? "AND rep = 0" : ""} ORDER BY latency_ms`,
      )
      .pluck()
      .iterate(runId, modelId) as IterableIterator<number>;
  }

  /** Per model, its answered first repetitions, counted by the store. */
  answeredFirst(runId: string): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT model_id, count(*) AS n FROM calls WHERE run_id = ? AND rep = 0 AND status = 'ok'
         GROUP BY model_id ORDER BY model_id`,
      )
      .all(runId) as { model_id: string; n: number }[];
    return new Map(rows.map((row) => [row.model_id, row.n]));
  }

  /** The issues of each answered first repetition whose output failed the schema, streamed. */
  *invalidFirst(runId: string): Generator<{ modelId: string; issues: StoredCall["issues"] }> {
    const rows = this.db
      .prepare(
        `SELECT c.model_id, o.issues FROM calls c JOIN outputs o ON o.call_id = c.id
         WHERE c.run_id = ? AND c.rep = 0 AND c.status = 'ok' AND o.valid = 0 ${IN_ORDER}`,
      )
      .iterate(runId) as IterableIterator<{ model_id: string; issues: string }>;
    for (const row of rows) yield { modelId: row.model_id, issues: parseIssues(row.issues) };
  }

  /**
   * Per model and error kind: how many calls failed, and the first `perKind` distinct messages (cut to
   * `maxChars`, with `cut` set when longer) in the order the calls were stored. One grouped query: a run of any
   * size returns a few rows per model.
   */
  failureMessages(runId: string, perKind = 3, maxChars = 200): FailureMessage[] {
    return this.db
      .prepare(
        `SELECT "modelId", kind, count, message, cut FROM (
           SELECT model_id AS "modelId", COALESCE(error_kind, 'unknown') AS kind,
             substr(COALESCE(error_message, ''), 1, ?) AS message,
             CASE WHEN MAX(length(COALESCE(error_message, ''))) > ? THEN 1 ELSE 0 END AS cut,
             SUM(COUNT(*)) OVER (PARTITION BY model_id, COALESCE(error_kind, 'unknown')) AS count,
             ROW_NUMBER() OVER (PARTITION BY model_id, COALESCE(error_kind, 'unknown') ORDER BY MIN(id)) AS k
           FROM calls WHERE run_id = ? AND status = 'error'
           GROUP BY model_id, kind, message
         ) AS failed WHERE k <= ? ORDER BY "modelId", count DESC, kind, k`,
      )
      .all(maxChars, maxChars, runId, perKind)
      .map((row) => {
        const r = row as Omit<FailureMessage, "cut"> & { cut: number };
        return { ...r, cut: r.cut === 1 };
      });
  }

  /** The answered calls of some cases, in `forRun` order, read whole: the caller may write afterwards. */
  outputsOf(runId: string, caseIds: readonly string[]): CallOutput[] {
    this.selectOutputs ??= this.db.prepare(
      `SELECT c.case_id, c.model_id, c.rep, c.latency_ms, c.cost_usd, o.valid, o.value, o.issues
       FROM calls c LEFT JOIN outputs o ON o.call_id = c.id
       WHERE c.run_id = ? AND c.status = 'ok' AND ${dialectOf(this.db).inJsonArray("c.case_id")} ${IN_ORDER}`,
    );
    const rows = this.selectOutputs.all(runId, JSON.stringify(caseIds)) as Record<string, unknown>[];
    return rows.map((row) => ({
      caseId: String(row.case_id),
      modelId: String(row.model_id),
      rep: Number(row.rep),
      latencyMs: Number(row.latency_ms),
      costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
      valid: validity(row.valid),
      value: typeof row.value === "string" ? JSON.parse(row.value) : undefined,
      issues: parseIssues(row.issues),
    }));
  }
}

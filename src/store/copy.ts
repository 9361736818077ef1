// Copies runs, with everything stored for them, and the response cache from one store to another (SQLite to
// PostgreSQL, or back). Each run is copied in one transaction of the target, so a copy cut short leaves whole
// runs; running it again copies the runs not there yet. Surrogate ids (calls, review items, grades) are the
// target's own: rows that point at them are mapped through natural keys.
import { batchInsert } from "./batch-insert.js";
import type { Db } from "./db.js";

const PAGE = 2_000;

/** The columns copied as they are, per table; `run_id` first where a table belongs to a run. */
const RUNS = `id, suite, created_at, finished_at, status, config_file, hashes, models, fields, scoring, repeat,
  skipped, knowledge_base, review_settings, recognisers`;
const CASES = "run_id, case_id, idx, transcript, gold, meta, audio";
/** Tables with no surrogate id, copied row for row after the calls. */
const PLAIN: Record<string, { columns: string; order: string }> = {
  scores: {
    columns: "run_id, case_id, model_id, rep, field, correct, outcome, gold, predicted",
    order: "model_id, field, case_id, rep",
  },
  agreement: { columns: "run_id, case_id, field, agreed", order: "field, case_id" },
  outcome_counts: {
    columns: "run_id, model_id, field, outcome, correct, gold_none, n",
    order: "model_id, field, outcome, correct, gold_none",
  },
  transcripts: {
    columns: `run_id, case_id, recogniser, status, error_kind, error_message, text, latency_ms, attempts,
      from_cache, words, chars, finished_at`,
    order: "recogniser, case_id",
  },
  judgements: {
    columns: `run_id, case_id, model_id, rep, field, judge_id, status, error_kind, error_message, text,
      input_tokens, output_tokens, cached_input_tokens, cost_usd, latency_ms, attempts, from_cache, pass, score,
      reason, issues, finished_at`,
    order: "case_id, model_id, rep, field, judge_id",
  },
  // A run's provider batches go with it: collected from the target, their calls are not sent again.
  batches: {
    columns: `run_id, tag, model_id, batch_id, state, requests, created_at, status, succeeded, failed, expires_at,
      ended_at, collected_at`,
    order: "created_at, tag",
  },
};
const CALLS = `run_id, case_id, model_id, rep, status, error_kind, error_message, text, raw, input_tokens,
  output_tokens, cached_input_tokens, cost_usd, latency_ms, attempts, from_cache, finished_at`;
const CACHE = "key, model, text, usage, finish_reason, latency_ms, created_at";

export interface CopyCounts {
  runs: number;
  /** Runs the target held already, left as they are there. */
  skipped: string[];
  calls: number;
  grades: number;
  cache: number;
}

const width = (columns: string) => columns.split(",").length;
const names = (columns: string) => columns.split(",").map((column) => column.trim());

/** The rows of a statement ending in `LIMIT ? OFFSET ?`, a page at a time (`params` before the two). */
function* paged(db: Db, sql: string, ...params: unknown[]): Generator<unknown[][]> {
  const read = db.prepare(sql).raw();
  for (let offset = 0; ; offset += PAGE) {
    const rows = read.all(...params, PAGE, offset) as unknown[][];
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
  }
}

function copyRows(from: Db, to: Db, table: string, columns: string, order: string, runId: string): number {
  const insert = batchInsert(to, `INSERT INTO ${table} (${columns})`, width(columns));
  let count = 0;
  const sql = `SELECT ${columns} FROM ${table} WHERE run_id = ? ORDER BY ${order} LIMIT ? OFFSET ?`;
  for (const rows of paged(from, sql, runId)) {
    for (const row of rows) insert.add(...row);
    count += rows.length;
  }
  insert.flush();
  return count;
}

/** Natural key → the target's id, of a run's calls or review items. */
function idsByKey(db: Db, sql: string, runId: string): Map<string, number> {
  const rows = db.prepare(sql).raw().all(runId) as [number, ...unknown[]][];
  return new Map(rows.map(([id, ...key]) => [key.join("\0"), id]));
}

function copyRun(from: Db, to: Db, runId: string): { calls: number; grades: number } {
  const run = from.prepare(`SELECT ${RUNS} FROM runs WHERE id = ?`).raw().get(runId) as unknown[];
  to.prepare(
    `INSERT INTO runs (${RUNS}) VALUES (${names(RUNS)
      .map(() => "?")
      .join(", ")})`,
  ).run(...run);
  copyRows(from, to, "cases", CASES, "idx", runId);
  // Calls, then their outputs by (case, model, repetition).
  const calls = copyRows(from, to, "calls", CALLS, "id", runId);
  const callIds = idsByKey(to, "SELECT id, case_id, model_id, rep FROM calls WHERE run_id = ?", runId);
  const outputs = batchInsert(to, "INSERT INTO outputs (call_id, valid, reason, value, issues)", 5);
  const readOutputs = `SELECT c.case_id, c.model_id, c.rep, o.valid, o.reason, o.value, o.issues FROM outputs o
    JOIN calls c ON c.id = o.call_id WHERE c.run_id = ? ORDER BY c.id LIMIT ? OFFSET ?`;
  for (const rows of paged(from, readOutputs, runId)) {
    for (const [caseId, modelId, rep, ...rest] of rows)
      outputs.add(callIds.get(`${caseId}\0${modelId}\0${rep}`), ...rest);
  }
  outputs.flush();
  for (const [table, { columns, order }] of Object.entries(PLAIN))
    copyRows(from, to, table, columns, order, runId);
  const batchCalls = batchInsert(to, "INSERT INTO batch_calls (tag, idx, rep)", 3);
  const readBatchCalls = `SELECT c.tag, c.idx, c.rep FROM batch_calls c JOIN batches b ON b.tag = c.tag
    WHERE b.run_id = ? ORDER BY c.tag, c.idx, c.rep LIMIT ? OFFSET ?`;
  for (const rows of paged(from, readBatchCalls, runId)) for (const row of rows) batchCalls.add(...row);
  batchCalls.flush();
  // The review queue, then grades in the order they were made (a re-grade names the grade it replaces).
  copyRows(
    from,
    to,
    "review_items",
    "run_id, case_id, field, reason, model_values, priority, status",
    "id",
    runId,
  );
  const itemIds = idsByKey(to, "SELECT id, case_id, field FROM review_items WHERE run_id = ?", runId);
  const gradeIds = new Map<number, number>();
  const grades = from
    .prepare(
      `SELECT g.id, r.case_id, r.field, g.reviewer, g.verdict, g.value, g.model_id, g.ratings, g.previous_gold,
         g.created_at, g.undone_at, g.replaces
       FROM grades g JOIN review_items r ON r.id = g.review_item_id WHERE r.run_id = ? ORDER BY g.id`,
    )
    .raw()
    .all(runId) as unknown[][];
  const insertGrade = to
    .prepare(
      `INSERT INTO grades (review_item_id, reviewer, verdict, value, model_id, ratings, previous_gold, created_at,
         undone_at, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .pluck();
  for (const [id, caseId, field, ...rest] of grades) {
    const replaces = rest.pop();
    const mapped = replaces === null ? null : (gradeIds.get(Number(replaces)) ?? null);
    const newId = insertGrade.get(itemIds.get(`${caseId}\0${field}`), ...rest, mapped);
    gradeIds.set(Number(id), Number(newId));
  }
  const notes = from
    .prepare(
      `SELECT r.case_id, r.field, n.reviewer, n.text, n.created_at FROM review_notes n
       JOIN review_items r ON r.id = n.review_item_id WHERE r.run_id = ? ORDER BY n.id`,
    )
    .raw()
    .all(runId) as unknown[][];
  const insertNote = batchInsert(
    to,
    "INSERT INTO review_notes (review_item_id, reviewer, text, created_at)",
    4,
  );
  for (const [caseId, field, ...rest] of notes) insertNote.add(itemIds.get(`${caseId}\0${field}`), ...rest);
  insertNote.flush();
  return { calls, grades: grades.length };
}

/** Copies every run `from` holds that `to` does not, oldest first, and every cache row `to` lacks. */
export function copyRuns(from: Db, to: Db): CopyCounts {
  const counts: CopyCounts = { runs: 0, skipped: [], calls: 0, grades: 0, cache: 0 };
  const ids = from.prepare("SELECT id FROM runs ORDER BY created_at, id").pluck().all() as string[];
  const there = new Set(to.prepare("SELECT id FROM runs").pluck().all() as string[]);
  for (const runId of ids) {
    if (there.has(runId)) {
      counts.skipped.push(runId);
      continue;
    }
    const copied = to.transaction(() => copyRun(from, to, runId)).immediate();
    counts.runs++;
    counts.calls += copied.calls;
    counts.grades += copied.grades;
  }
  for (const rows of paged(from, `SELECT ${CACHE} FROM cache ORDER BY key LIMIT ? OFFSET ?`)) {
    to.transaction(() => {
      const insert = batchInsert(
        to,
        `INSERT INTO cache (${CACHE})`,
        width(CACHE),
        "ON CONFLICT (key) DO NOTHING",
      );
      for (const row of rows) insert.add(...row);
      insert.flush();
    }).immediate();
    counts.cache += rows.length;
  }
  return counts;
}

/** Rows per table of one run: what a copy is checked by. */
export function runRowCounts(db: Db, runId: string): Record<string, number> {
  const count = (sql: string) => Number(db.prepare(sql).pluck().get(runId));
  return {
    cases: count("SELECT COUNT(*) FROM cases WHERE run_id = ?"),
    calls: count("SELECT COUNT(*) FROM calls WHERE run_id = ?"),
    outputs: count("SELECT COUNT(*) FROM outputs o JOIN calls c ON c.id = o.call_id WHERE c.run_id = ?"),
    scores: count("SELECT COUNT(*) FROM scores WHERE run_id = ?"),
    agreement: count("SELECT COUNT(*) FROM agreement WHERE run_id = ?"),
    review_items: count("SELECT COUNT(*) FROM review_items WHERE run_id = ?"),
    grades: count(
      "SELECT COUNT(*) FROM grades g JOIN review_items r ON r.id = g.review_item_id WHERE r.run_id = ?",
    ),
    review_notes: count(
      "SELECT COUNT(*) FROM review_notes n JOIN review_items r ON r.id = n.review_item_id WHERE r.run_id = ?",
    ),
    transcripts: count("SELECT COUNT(*) FROM transcripts WHERE run_id = ?"),
    judgements: count("SELECT COUNT(*) FROM judgements WHERE run_id = ?"),
    batches: count("SELECT COUNT(*) FROM batches WHERE run_id = ?"),
    batch_calls: count(
      "SELECT COUNT(*) FROM batch_calls c JOIN batches b ON b.tag = c.tag WHERE b.run_id = ?",
    ),
  };
}

import type { ReviewSettings } from "../config/schema.js";
import type { Case, FieldSpec, MatchContext } from "../core/types.js";
import type { Db } from "./db.js";
import { dialectOf } from "./dialect.js";
import { createRun, createRunFrom, type NewRun } from "./run-create.js";
import { listRuns, type RunListItem, type RunListOptions } from "./run-list.js";
import { guardStorage } from "./storage-guard.js";

export interface RunModel {
  id: string;
  provider: string;
  model?: string;
  /** A model run on a speech recogniser's transcripts: which model, which recogniser. */
  transcript?: { model: string; recogniser: string };
}

export interface RunRecord {
  id: string;
  suite: string;
  createdAt: string;
  finishedAt: string | null;
  status: "running" | "finished" | "interrupted";
  configFile: string | null;
  hashes: { prompt: string; knowledgeBase: string; schema: string };
  models: RunModel[];
  fields: FieldSpec[];
  scoring: Pick<MatchContext, "phoneRegion"> & { referenceDateKey: string; phoneRegionKey: string };
  repeat: number;
  skipped: { id: string; reason: string }[];
  /** The knowledge base as it was sent, so a reviewer sees what the models saw. */
  knowledgeBase: string;
  review: ReviewSettings;
  /** The speech recognisers of the voice stage; empty without one. */
  recognisers: { id: string; provider: string }[];
}

/** A case as scoring reads it: everything but the transcript. */
export type ScoringCase = Pick<Case, "id" | "gold" | "meta">;

const DEFAULT_REVIEW: ReviewSettings = { overlap: 0, leaseMinutes: 15, passRating: 3 };

interface RunRow {
  id: string;
  suite: string;
  created_at: string;
  finished_at: string | null;
  status: RunRecord["status"];
  config_file: string | null;
  hashes: string;
  models: string;
  fields: string;
  scoring: string;
  repeat: number;
  skipped: string;
  knowledge_base: string;
  review_settings: string;
  recognisers: string;
}

function fromRow(row: RunRow): RunRecord {
  return {
    id: row.id,
    suite: row.suite,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    status: row.status,
    configFile: row.config_file,
    hashes: JSON.parse(row.hashes),
    models: JSON.parse(row.models),
    fields: JSON.parse(row.fields),
    scoring: JSON.parse(row.scoring),
    repeat: row.repeat,
    skipped: JSON.parse(row.skipped),
    knowledgeBase: row.knowledge_base,
    review: { ...DEFAULT_REVIEW, ...JSON.parse(row.review_settings) },
    recognisers: JSON.parse(row.recognisers),
  };
}

interface CaseRow {
  case_id: string;
  transcript: string;
  gold: string | null;
  meta: string;
  audio: string | null;
}

function storedCase(row: CaseRow): Case {
  return {
    id: row.case_id,
    transcript: JSON.parse(row.transcript),
    ...(row.gold === null ? {} : { gold: JSON.parse(row.gold) }),
    meta: JSON.parse(row.meta),
    ...(row.audio === null ? {} : { audio: row.audio }),
    source: { file: "(store)", line: 0 },
  };
}

export class Runs {
  constructor(private readonly db: Db) {}

  /** Creates the run and its cases in one transaction: a run never exists without its cases. */
  create(run: NewRun, cases: Iterable<Case>): void {
    createRun(this.db, run, cases);
  }

  /** `create` from a stream of cases, never all in memory; see createRunFrom. */
  createFrom(
    cases: AsyncIterable<Case>,
    describe: (caseCount: number) => Promise<NewRun>,
  ): Promise<NewRun & { caseCount: number }> {
    return createRunFrom(this.db, cases, describe);
  }

  finish(runId: string, status: "finished" | "interrupted", at = new Date().toISOString()): void {
    this.update(runId, "UPDATE runs SET status = ?, finished_at = ? WHERE id = ?", status, at);
  }

  get(runId: string): RunRecord | undefined {
    const row = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(runId) as RunRow | undefined;
    return row && fromRow(row);
  }

  latest(): RunRecord | undefined {
    const order = dialectOf(this.db).insertOrder;
    const row = this.db.prepare(`SELECT * FROM runs ORDER BY created_at DESC, ${order} DESC LIMIT 1`).get() as
      | RunRow
      | undefined;
    return row && fromRow(row);
  }

  /** Runs newest first, a suite's or all, read without their cases or knowledge base; see listRuns. */
  list(options: RunListOptions = {}): RunListItem[] {
    return listRuns(this.db, options);
  }

  /** The newest run that never finished: stopped with Ctrl-C, killed, or cut off by a crash. */
  latestUnfinished(): RunRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM runs WHERE status != 'finished'
         ORDER BY created_at DESC, ${dialectOf(this.db).insertOrder} DESC LIMIT 1`,
      )
      .get() as RunRow | undefined;
    return row && fromRow(row);
  }

  /** The run's revision (it counts changes to its calls, outputs and grades) and the stamp of its last scoring. */
  scoringState(runId: string): { revision: number; scored: string | null } {
    const row = this.db
      .prepare(
        `SELECT COALESCE(v.revision, 0) AS revision, r.scored FROM runs r
         LEFT JOIN run_revisions v ON v.run_id = r.id WHERE r.id = ?`,
      )
      .get(runId) as { revision: number; scored: string | null } | undefined;
    return row ?? { revision: 0, scored: null };
  }

  /**
   * Changes when anything that may change the run's review queue or grades was written, by this process or
   * another: SQLite counts every write to the file (data_version, and this connection's own); PostgreSQL,
   * the run's revision (calls, outputs, grades, by trigger) and its scoring stamp.
   */
  changeMark(runId: string): string {
    if (dialectOf(this.db).name === "sqlite") {
      const version = this.db.prepare("SELECT * FROM pragma_data_version").pluck().get();
      const changes = this.db.prepare("SELECT total_changes()").pluck().get();
      return `${String(version)}/${String(changes)}`;
    }
    const row = this.db
      .prepare(
        `SELECT COALESCE(v.revision, 0) AS revision, COALESCE(r.scored, '') AS scored FROM runs r
         LEFT JOIN run_revisions v ON v.run_id = r.id WHERE r.id = ?`,
      )
      .get(runId) as { revision: number; scored: string } | undefined;
    return row ? `${row.revision}/${row.scored}` : "";
  }

  markScored(runId: string, stamp: string): void {
    this.update(runId, "UPDATE runs SET scored = ? WHERE id = ?", stamp);
  }

  /** Marks a run as running again (a resume). */
  reopen(runId: string): void {
    this.update(runId, "UPDATE runs SET status = 'running', finished_at = NULL WHERE id = ?");
  }

  /** One statement on the run's row: `values`, then the run id last. */
  private update(runId: string, sql: string, ...values: string[]): void {
    guardStorage(this.db, runId, () => this.db.prepare(sql).run(...values, runId));
  }

  cases(runId: string): Case[] {
    const rows = this.db
      .prepare("SELECT case_id, transcript, gold, meta, audio FROM cases WHERE run_id = ? ORDER BY idx")
      .all(runId) as CaseRow[];
    return rows.map(storedCase);
  }

  /** How many cases the run has. */
  caseCount(runId: string): number {
    return this.db.prepare("SELECT count(*) FROM cases WHERE run_id = ?").pluck().get(runId) as number;
  }

  /** The cases at dataset positions `from` (inclusive) to `to` (exclusive), in order. */
  casesAt(runId: string, from: number, to: number): Case[] {
    const rows = this.db
      .prepare(
        "SELECT case_id, transcript, gold, meta, audio FROM cases WHERE run_id = ? AND idx >= ? AND idx < ? ORDER BY idx",
      )
      .all(runId, from, to) as CaseRow[];
    return rows.map(storedCase);
  }

  /** The transcripts of some cases, read at once: a report shows a few hundred, one query for each page. */
  transcripts(runId: string, caseIds: readonly string[]): Map<string, Case["transcript"]> {
    const rows = this.db
      .prepare(
        `SELECT case_id, transcript FROM cases WHERE run_id = ? AND ${dialectOf(this.db).inJsonArray("case_id")}`,
      )
      .all(runId, JSON.stringify(caseIds)) as { case_id: string; transcript: string }[];
    return new Map(rows.map((row) => [row.case_id, JSON.parse(row.transcript)]));
  }

  /** Case ids in dataset order. */
  caseIds(runId: string): string[] {
    return this.db
      .prepare("SELECT case_id FROM cases WHERE run_id = ? ORDER BY idx")
      .pluck()
      .all(runId) as string[];
  }

  /**
   * The cases of a run in dataset order, `size` at a time and without transcripts. Each page is read whole,
   * so the caller may write to the store between pages, and a large run is never in memory at once.
   */
  *casePages(runId: string, size = 100): Generator<ScoringCase[]> {
    // By position, a page at a time: not even the run's ids are held at once.
    const select = this.db.prepare(
      "SELECT case_id, gold, meta FROM cases WHERE run_id = ? AND idx >= ? AND idx < ? ORDER BY idx",
    );
    const count = this.caseCount(runId);
    for (let start = 0; start < count; start += size) {
      const rows = select.all(runId, start, start + size) as {
        case_id: string;
        gold: string | null;
        meta: string;
      }[];
      yield rows.map((row) => ({
        id: row.case_id,
        ...(row.gold === null ? {} : { gold: JSON.parse(row.gold) }),
        meta: JSON.parse(row.meta),
      }));
    }
  }

  /** Ids of the cases, in dataset order, that `modelId` has no answered call for. */
  unanswered(runId: string, modelId: string): string[] {
    return this.db
      .prepare(
        `SELECT k.case_id FROM cases k WHERE k.run_id = ? AND NOT EXISTS (SELECT 1 FROM calls c
           WHERE c.run_id = k.run_id AND c.case_id = k.case_id AND c.model_id = ? AND c.status = 'ok')
         ORDER BY k.idx`,
      )
      .pluck()
      .all(runId, modelId) as string[];
  }
}

// Creating a run with its cases: from a list at once, or streamed from a dataset of any size.
import type { Case } from "../core/types.js";
import { batchInsert } from "./batch-insert.js";
import type { Db } from "./db.js";
import { dialectOf } from "./dialect.js";
import type { RunRecord } from "./runs.js";
import { guardStorage } from "./storage-guard.js";

export type NewRun = Omit<RunRecord, "finishedAt" | "status" | "recognisers"> &
  Partial<Pick<RunRecord, "recognisers">>;

const CHUNK = 1_000;

// A run that could not be created leaves nothing behind: the same command is run again once the disk is mended.
const store = <T>(db: Db, write: () => T): T => guardStorage(db, undefined, write);

function insertRun(db: Db, run: NewRun): void {
  db.prepare(
    `INSERT INTO runs (id, suite, created_at, status, config_file, hashes, models, fields, scoring, repeat, skipped,
       knowledge_base, review_settings, recognisers)
     VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    run.id,
    run.suite,
    run.createdAt,
    run.configFile,
    JSON.stringify(run.hashes),
    JSON.stringify(run.models),
    JSON.stringify(run.fields),
    JSON.stringify(run.scoring),
    run.repeat,
    JSON.stringify(run.skipped),
    run.knowledgeBase,
    JSON.stringify(run.review),
    JSON.stringify(run.recognisers ?? []),
  );
}

const caseColumns = (item: Case, index: number) =>
  [
    item.id,
    index,
    JSON.stringify(item.transcript),
    item.gold === undefined ? null : JSON.stringify(item.gold),
    JSON.stringify(item.meta),
    item.audio ?? null,
  ] as const;

/** The run and its cases in one transaction: a run never exists without its cases. */
export function createRun(db: Db, run: NewRun, cases: Iterable<Case>): void {
  const insertCase = db.prepare(
    "INSERT INTO cases (run_id, case_id, idx, transcript, gold, meta, audio) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  store(db, () =>
    db
      .transaction(() => {
        insertRun(db, run);
        let index = 0;
        for (const item of cases) insertCase.run(run.id, ...caseColumns(item, index++));
      })
      .immediate(),
  );
}

/**
 * `createRun` for cases read as they stream (a dataset file): they wait in a temporary table, so a large
 * dataset is never in memory, other writers are not locked out while it is read, and a bad row or a crash
 * half way leaves no run behind. Once all are read, `describe` makes the run (it may still refuse, by throwing),
 * and one short transaction moves the cases in with it.
 */
export async function createRunFrom(
  db: Db,
  cases: AsyncIterable<Case>,
  describe: (caseCount: number) => Promise<NewRun>,
): Promise<NewRun & { caseCount: number }> {
  const staged = dialectOf(db).temp("staged_cases");
  store(db, () => {
    db.exec(`DROP TABLE IF EXISTS ${staged}`);
    const text = dialectOf(db).text;
    db.exec(
      `CREATE TEMP TABLE staged_cases (case_id ${text}, idx INTEGER, transcript ${text}, gold ${text}, meta ${text}, audio ${text})`,
    );
  });
  try {
    const stage = batchInsert(db, `INSERT INTO ${staged} (case_id, idx, transcript, gold, meta, audio)`, 6);
    const flush = db.transaction((rows: (readonly unknown[])[]) => {
      for (const row of rows) stage.add(...row);
      stage.flush();
    });
    let pending: (readonly unknown[])[] = [];
    let count = 0;
    for await (const item of cases) {
      pending.push(caseColumns(item, count++));
      if (pending.length >= CHUNK) {
        store(db, () => flush(pending));
        pending = [];
      }
    }
    store(db, () => flush(pending));
    const run = await describe(count);
    store(db, () =>
      db
        .transaction(() => {
          insertRun(db, run);
          db.prepare(
            `INSERT INTO cases (run_id, case_id, idx, transcript, gold, meta, audio)
             SELECT CAST(? AS TEXT), case_id, idx, transcript, gold, meta, audio FROM ${staged} ORDER BY idx`,
          ).run(run.id);
        })
        .immediate(),
    );
    return { ...run, caseCount: count };
  } finally {
    db.exec(`DROP TABLE IF EXISTS ${staged}`);
  }
}

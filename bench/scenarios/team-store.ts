// A team on one PostgreSQL store (issue 17): runs from several processes writing at once, reviewer processes
// grading one queue at once, and the same run scored on SQLite. Checks what must hold, and times it.
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { openReviewSession } from "../../src/review/session.js";
import { scoreRun } from "../../src/runner/score-run.js";
import { copyRuns } from "../../src/store/copy.js";
import { Store } from "../../src/store/index.js";
import { buildSummary } from "../../src/summary/build.js";
import { startPostgres } from "../../tests/helpers/postgres.js";
import { forkTs, nextMessage } from "../child.js";
import { measure, seconds } from "../measure.js";
import type { Sizes } from "../scale.js";
import { seedRun } from "../seed-store.js";
import { tempDir, writeReplaySuite } from "../suite.js";
import { type Row, row, type ScenarioResult } from "../table.js";
import { peak } from "./memory.js";

const CLI = path.resolve("dist", "cli.js");
const REVIEWER = path.resolve("bench", "team-reviewer.ts");
const DEMO = path.resolve("callgrade.config.ts");
const run = promisify(execFile);

export async function teamStoreScenario(sizes: Sizes, budgetMs: number): Promise<ScenarioResult> {
  const { runs, callsPerRun, reviewers, items } = sizes.teamStore;
  const server = await startPostgres();
  const dir = tempDir("team-store");
  try {
    // Runs at once, each a `callgrade run` of its own on the same database: 2 replay models, so half as many
    // cases as calls.
    const suite = writeReplaySuite(dir, callsPerRun / 2);
    const address = server.database("team");
    const writing = await measure(() =>
      Promise.all(
        Array.from({ length: runs }, (_, i) =>
          run(
            process.execPath,
            [CLI, "run", "--config", suite.configFile, "--store", address, "--reporter", "json"],
            { cwd: dir, timeout: budgetMs, env: { ...process.env, CI: "1" }, maxBuffer: 1 << 24 },
          ).then(() => i),
        ),
      ),
    );
    const store = Store.open(address);
    const stored = store.db
      .prepare(
        `SELECT COUNT(*) AS calls, COUNT(DISTINCT run_id || '/' || case_id || '/' || model_id || '/' || rep) AS distinct,
           COUNT(DISTINCT run_id) AS runs FROM calls`,
      )
      .get() as { calls: number; distinct: number; runs: number };
    const finished = Number(
      store.db.prepare("SELECT COUNT(*) FROM runs WHERE status = 'finished'").pluck().get(),
    );
    const callsOk =
      stored.calls === runs * callsPerRun && stored.distinct === stored.calls && finished === runs;

    // Reviewers at once on one queue (overlap 0): each item graded once, by one of them, none lost.
    const queue = seedRun(store, { cases: items, gold: false });
    scoreRun(store, queue);
    const grading = await measure(() =>
      Promise.all(
        Array.from({ length: reviewers }, async (_, i) => {
          const child = forkTs(REVIEWER, [address, queue.id, `reviewer-${i + 1}`]);
          const done = await nextMessage(
            child,
            (m): m is { graded: number } => typeof (m as { graded?: unknown }).graded === "number",
            budgetMs,
            `reviewer ${i + 1}`,
          );
          return done.graded;
        }),
      ),
    );
    const reported = grading.value.reduce((sum, n) => sum + n, 0);
    const grades = store.db
      .prepare(
        `SELECT COUNT(*) AS current, COUNT(DISTINCT review_item_id) AS items,
           COUNT(DISTINCT reviewer) AS reviewers FROM grades WHERE undone_at IS NULL`,
      )
      .get() as { current: number; items: number; reviewers: number };
    const gradesOk = grades.current === items && grades.items === items && reported === items;

    // The same run on SQLite: copied, scored on both, the same summary.
    const [firstRun] = store.runs.list({ limit: runs + 1 }).filter((r) => r.id !== queue.id);
    const sqlite = Store.open(path.join(dir, "same.db"));
    copyRuns(store.db, sqlite.db);
    const summaries = [store, sqlite].map((s) => {
      const record = s.runs.get(firstRun?.id ?? "");
      if (!record) throw new Error("the run to compare is missing");
      scoreRun(s, record);
      return JSON.stringify(buildSummary(s, record));
    });
    sqlite.close();
    store.close();
    const same = summaries[0] === summaries[1];
    const beside = await besideSqlite(sizes, budgetMs, (name) => server.database(name), dir);
    return {
      scenario: "team store",
      rows: [
        row({
          scenario: "team store",
          measure: `${runs} runs × ${callsPerRun} calls at once, PostgreSQL`,
          value: writing.wallMs / 1000,
          unit: "s",
          shown: `${seconds(writing.wallMs)}: ${stored.calls} calls stored, ${stored.distinct} distinct, ${finished} runs finished`,
          target: "each call once",
          pass: callsOk,
        }),
        row({
          scenario: "team store",
          measure: `${reviewers} reviewers grading ${items} items at once`,
          value: grading.wallMs / 1000,
          unit: "s",
          shown: `${seconds(grading.wallMs)}: ${grades.current} grades on ${grades.items} items by ${grades.reviewers} reviewers (they said ${reported})`,
          target: "each item once",
          pass: gradesOk,
        }),
        row({
          scenario: "team store",
          measure: "the same run scored on SQLite",
          value: same ? 1 : 0,
          unit: "same",
          shown: same ? "the same summary" : "summaries differ",
          target: "the same",
          pass: same,
        }),
        ...beside.rows,
      ],
      details: {
        ...beside.details,
        runs,
        callsPerRun,
        reviewers,
        items,
        storedCalls: stored.calls,
        distinctCalls: stored.distinct,
        finished,
        writingMs: writing.wallMs,
        currentGrades: grades.current,
        gradedItems: grades.items,
        gradingReviewers: grades.reviewers,
        reported,
        gradingMs: grading.wallMs,
        same,
      },
    };
  } finally {
    server.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A run at demo size and at the memory scenario's large size, re-scoring, and a queue opened: PostgreSQL beside SQLite. */
async function besideSqlite(
  sizes: Sizes,
  budgetMs: number,
  database: (name: string) => string,
  dir: string,
): Promise<{ rows: Row[]; details: Record<string, number> }> {
  // The bundled demo suite through the CLI, start-up included, on each store.
  const demo = async (store: string) =>
    (
      await measure(() =>
        run(
          process.execPath,
          [
            CLI,
            "run",
            "--config",
            DEMO,
            "--store",
            store,
            "--reporter",
            "json",
            "--out",
            path.join(dir, "demo"),
          ],
          { cwd: dir, timeout: budgetMs, env: { ...process.env, CI: "1" }, maxBuffer: 1 << 24 },
        ),
      )
    ).wallMs;
  const demoSqlite = await demo(path.join(dir, "demo.db"));
  const demoPg = await demo(database("demo"));
  const { large } = sizes.memory;
  const largeSqlite = await peak(large, budgetMs / 4);
  const largeAddress = database("large");
  const largePg = await peak(large, budgetMs / 4, largeAddress);
  // Re-scoring the PostgreSQL run in this process (no build id: it scores whatever its stamp says).
  const stored = Store.open(largeAddress);
  const record = stored.runs.latest();
  if (!record) throw new Error("the large PostgreSQL run is missing");
  const rescoring = await measure(() => scoreRun(stored, record, { build: undefined }));
  stored.close();
  const outputs = large * 2;
  // What `callgrade review` does before its first frame, on a queue seeded on each store.
  const open = async (place: string) => {
    const seeding = Store.open(place);
    const queue = seedRun(seeding, { cases: sizes.teamStore.items, gold: false });
    scoreRun(seeding, queue);
    seeding.close();
    return (
      await measure(() => {
        const store = Store.open(place);
        const session = openReviewSession(store, { runId: queue.id, reviewer: "bench" });
        session.next();
        session.progress();
        session.close();
        store.close();
      })
    ).wallMs;
  };
  const openSqlite = await open(path.join(dir, "queue.db"));
  const openPg = await open(database("queue"));
  const mb = (value: number) => `${value.toFixed(0)} MB`;
  return {
    rows: [
      row({
        scenario: "team store",
        measure: "demo suite run, PostgreSQL ÷ SQLite",
        value: demoPg / demoSqlite,
        unit: "×",
        shown: `${(demoPg / demoSqlite).toFixed(2)}× (${seconds(demoPg)} vs ${seconds(demoSqlite)}, start-up included)`,
      }),
      row({
        scenario: "team store",
        measure: `${large} cases × 2 replay models, PostgreSQL`,
        value: largePg.wallMs / 1000,
        unit: "s",
        shown: `${seconds(largePg.wallMs)}, ${mb(largePg.maxRssMb)} peak (SQLite ${seconds(largeSqlite.wallMs)}, ${mb(largeSqlite.maxRssMb)})${largePg.error ? `: ${largePg.error}` : ""}`,
        pass: largePg.answered === outputs && !largePg.error,
      }),
      row({
        scenario: "team store",
        measure: `re-score ${outputs} stored outputs, PostgreSQL`,
        value: outputs / (rescoring.wallMs / 1000),
        unit: "/s",
        shown: `${Math.round(outputs / (rescoring.wallMs / 1000)).toLocaleString("en-US")}/s (${seconds(rescoring.wallMs)})`,
      }),
      row({
        scenario: "team store",
        measure: `open a queue of ${sizes.teamStore.items} items, PostgreSQL`,
        value: openPg,
        unit: "ms",
        shown: `${openPg.toFixed(1)} ms (SQLite ${openSqlite.toFixed(1)} ms)`,
      }),
    ],
    details: {
      demoSqliteMs: demoSqlite,
      demoPgMs: demoPg,
      largeCases: large,
      largeSqliteMs: largeSqlite.wallMs,
      largeSqliteRssMb: largeSqlite.maxRssMb,
      largePgMs: largePg.wallMs,
      largePgRssMb: largePg.maxRssMb,
      rescoreMs: rescoring.wallMs,
      queueOpenSqliteMs: openSqlite,
      queueOpenPgMs: openPg,
    },
  };
}

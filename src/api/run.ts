// The run use case: a suite's cases through its models, validated, stored, scored and reported.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Suite } from "../config/suite.js";
import { hasRetryableFailures, RETRYABLE_ON_RESUME } from "../core/retryable.js";
import type { RunSummary } from "../core/summary.js";
import type { Reporter } from "../report/reporter.js";
import { type BatchChoice, type RunEvent, resumeSuite, runSuite } from "../runner/index.js";
import type { ScoringObserver } from "../runner/score-run.js";
import type { RunRecord, Store } from "../store/index.js";
import { AgreementTally } from "../summary/agreement-tally.js";
import { buildSummary } from "../summary/build.js";
import { reportData } from "../summary/report-data.js";
import { slicesFor } from "../summary/slices.js";
import { writeRunBaseline } from "./baseline.js";
import { type BatchInfo, batchInfos } from "./batches.js";
import { baselineFile, heldDir, reportDir, reportsRoot } from "./places.js";
import { assertReportFolder, assertWritableDir, emitReport } from "./report-output.js";
import { type OpenStoreOptions, withStore } from "./store.js";

export interface RunOptions extends Omit<OpenStoreOptions, "mustExist"> {
  /** Only these model ids. @default every model in the config */
  models?: string[];
  /** Only the first N cases. */
  limit?: number;
  /** Most calls in flight in all. @default the config's concurrency */
  concurrency?: number;
  /** Send each case to each model N times. @default the config's repeat */
  repeat?: number;
  /** Answer calls made before from the cache. @default true */
  cache?: boolean;
  /** Continue a stopped run instead of starting one: `true` for the latest unfinished run, or its id. */
  resume?: boolean | string;
  /** The report folder, relative to `cwd`. @default reports/<runId> beside the config */
  out?: string;
  /** Write into `out` even when it holds files that are not callgrade's reports. @default false */
  force?: boolean;
  /** Who renders the results (console table, summary.json, report.html, ...). @default none: nothing is written or printed */
  reporters?: readonly Reporter[];
  /** Where reporters' terminal text goes. @default nowhere */
  print?: (text: string) => void;
  /** Also write the run as a baseline file: `true` for the default path, or a file relative to `cwd`. */
  saveBaseline?: boolean | string;
  /** Stops the run: calls in flight end, what finished is stored, and the run can be resumed. */
  signal?: AbortSignal;
  /** Every event of the run, as it happens (reporters' `onRunEvent` get them too). */
  onEvent?: (event: RunEvent) => void;
  /** Where API keys are read from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * The providers' batch APIs (a model's `batch: true` asks for them too). `true`: every OpenAI and
   * Anthropic model's calls go through them. `wait: false`: submit and return with the batches left at the
   * provider (status "interrupted", `batches` says where they stand); a resume collects them.
   * @default each model's `batch`, waiting for its batches
   */
  batch?: boolean | BatchChoice;
}

export interface RunResult {
  runId: string;
  /** "finished", or "interrupted" when the signal stopped it. */
  status: string;
  summary: RunSummary;
  /** 0 when every case has an answer from every model; 3 when some have none (errors, or stopped). */
  exitCode: 0 | 3;
  /** model id → the cases it gave no answer for. */
  unscored: Record<string, string[]>;
  /** Some calls failed in a way a resume sends again (rate limit, timeout, 5xx, network). */
  retryable: boolean;
  storeFile: string;
  reportDir: string;
  /** Files the reporters wrote. */
  files: string[];
  /** The baseline file written, with `saveBaseline`. */
  baselineFile?: string;
  /** The run's provider batches, oldest first: what each holds, and where it stands. */
  batches: BatchInfo[];
}

/**
 * Runs a suite (or resumes a run of it) and returns its scored summary.
 * @example const { summary, exitCode } = await run(await loadSuite("evals/callgrade.config.ts"));
 */
export async function run(suite: Suite, options: RunOptions = {}): Promise<RunResult> {
  const cwd = options.cwd ?? process.cwd();
  const reporters = options.reporters ?? [];
  // A report folder that cannot be written fails now, before the store is touched or a call is paid for.
  if (reporters.length > 0) {
    assertWritableDir(options.out ? path.resolve(cwd, options.out) : reportsRoot(suite, cwd));
    if (options.out) assertReportFolder(path.resolve(cwd, options.out), { force: options.force === true });
  }
  return withStore(suite, options, async (store) => {
    // Scoring gathers report.html's agreement figures as it goes (see reportData).
    let agreement: AgreementTally | undefined;
    const observeScoring =
      reporters.length > 0
        ? (scored: RunRecord) => {
            agreement = new AgreementTally(store, scored);
            return agreement;
          }
        : undefined;
    const record = await execute(
      suite,
      store,
      { ...options, resume: resumeTarget(suite, store, options) },
      reporters,
      observeScoring,
    );
    const summary = buildSummary(store, record, { slices: slicesFor(suite.config, record) });
    const dir = reportDir(suite, record.id, { ...options, cwd });
    const files =
      reporters.length > 0
        ? await emitReport(reporters, reportData(store, record, summary, { agreement }), {
            dir,
            env: options.env ?? process.env,
            ...(options.print ? { print: options.print } : {}),
          })
        : [];
    const saved = options.saveBaseline
      ? writeRunBaseline(
          store,
          record,
          typeof options.saveBaseline === "string"
            ? path.resolve(cwd, options.saveBaseline)
            : baselineFile(suite, cwd),
        )
      : undefined;
    const unscored = summary.unscored;
    return {
      runId: record.id,
      status: summary.status,
      summary,
      exitCode: summary.status !== "interrupted" && Object.keys(unscored).length === 0 ? 0 : 3,
      unscored,
      retryable: hasRetryableFailures(summary),
      storeFile: store.file,
      reportDir: dir,
      files,
      ...(saved ? { baselineFile: saved } : {}),
      batches: batchInfos(store, record.id),
    };
  });
}

/**
 * The run `resume: true` means: the latest unfinished one; else the latest run if it still lacks something a
 * resume gives it: calls that failed transiently, or its reports (killed between finishing its calls and
 * writing them).
 */
function resumeTarget(suite: Suite, store: Store, options: RunOptions): string | boolean | undefined {
  if (options.resume !== true) return options.resume;
  const unfinished = store.runs.latestUnfinished();
  if (unfinished) return unfinished.id;
  const latest = store.runs.latest();
  if (!latest) return true;
  if (store.calls.failedWith(latest.id, RETRYABLE_ON_RESUME) > 0) return latest.id;
  const cwd = options.cwd ?? process.cwd();
  const reported = existsSync(path.join(reportDir(suite, latest.id, { ...options, cwd }), "summary.json"));
  return reported ? true : latest.id;
}

function execute(
  suite: Suite,
  store: Store,
  options: RunOptions,
  reporters: readonly Reporter[],
  observeScoring: ((run: RunRecord) => ScoringObserver) | undefined,
) {
  const listeners = [options.onEvent, ...reporters.map((r) => r.onRunEvent?.bind(r))].filter(
    (listener) => listener !== undefined,
  );
  const runOptions = {
    ...(options.models ? { models: options.models } : {}),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.repeat === undefined ? {} : { repeat: options.repeat }),
    useCache: options.cache ?? true,
    ...(observeScoring ? { observeScoring } : {}),
    heldDir: heldDir(suite, options.cwd ?? process.cwd()),
    signal: options.signal ?? new AbortController().signal,
    emit: (event: RunEvent) => {
      for (const listener of listeners) listener(event);
    },
    env: options.env ?? process.env,
    ...(options.batch === undefined
      ? {}
      : { batch: typeof options.batch === "boolean" ? { all: options.batch } : options.batch }),
  };
  return options.resume
    ? resumeSuite(suite, store, typeof options.resume === "string" ? options.resume : undefined, runOptions)
    : runSuite(suite, store, runOptions);
}

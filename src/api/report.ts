// Re-scoring a stored run with the current matchers and grades, and reporting it; no provider is called.
import type { Suite } from "../config/suite.js";
import type { RunSummary } from "../core/summary.js";
import type { Reporter } from "../report/reporter.js";
import { scoreRun } from "../runner/score-run.js";
import { AgreementTally } from "../summary/agreement-tally.js";
import { buildSummary } from "../summary/build.js";
import { reportData } from "../summary/report-data.js";
import { slicesFor } from "../summary/slices.js";
import { reportDir } from "./places.js";
import { assertReportFolder, emitReport } from "./report-output.js";
import { findRun, type OpenStoreOptions, withStore } from "./store.js";

export interface ReportOptions extends Omit<OpenStoreOptions, "mustExist"> {
  /** The run. @default the latest */
  runId?: string;
  /** The report folder, relative to `cwd`. @default reports/<runId> beside the config */
  out?: string;
  /** Write into `out` even when it holds files that are not callgrade's reports. @default false */
  force?: boolean;
  /** @default none: nothing is written or printed */
  reporters?: readonly Reporter[];
  print?: (text: string) => void;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface ReportResult {
  runId: string;
  summary: RunSummary;
  reportDir: string;
  files: string[];
}

/**
 * A stored run's summary, re-scored; written by the reporters given.
 * @example const { summary } = await report(suite, { runId: "20261207-101500-ab12" });
 */
export async function report(suite: Suite | undefined, options: ReportOptions = {}): Promise<ReportResult> {
  return withStore(suite, { ...options, mustExist: true }, async (store) => {
    const run = findRun(store, options.runId);
    const reporters = options.reporters ?? [];
    // Scoring gathers report.html's agreement figures as it goes, when it scores (see reportData).
    const agreement = reporters.length > 0 ? new AgreementTally(store, run) : undefined;
    scoreRun(store, run, { observer: agreement });
    const summary = buildSummary(store, run, { slices: slicesFor(suite?.config, run) });
    const dir = reportDir(suite, run.id, options);
    if (options.out && reporters.length > 0) assertReportFolder(dir, { force: options.force === true });
    const files =
      reporters.length > 0
        ? await emitReport(reporters, reportData(store, run, summary, { agreement }), {
            dir,
            env: options.env ?? process.env,
            ...(options.print ? { print: options.print } : {}),
          })
        : [];
    return { runId: run.id, summary, reportDir: dir, files };
  });
}

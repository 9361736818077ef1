// The gate use case: a candidate run against the config's thresholds and a baseline, with its reports.
import path from "node:path";
import { type GatesConfig, gatesSchema } from "../config/schema.js";
import type { Suite } from "../config/suite.js";
import { CallgradeError } from "../core/errors.js";
import { hasRetryableFailures } from "../core/retryable.js";
import type { RunSummary } from "../core/summary.js";
import { type Baseline, type GateResult, gateExitCode, runGate } from "../gate/index.js";
import { renderJunit } from "../report/junit.js";
import type { Reporter } from "../report/reporter.js";
import { scoreRun } from "../runner/score-run.js";
import type { Store } from "../store/index.js";
import { AgreementTally } from "../summary/agreement-tally.js";
import { baselineFromStore, readBaseline } from "../summary/baseline.js";
import { buildSummary } from "../summary/build.js";
import { reportData } from "../summary/report-data.js";
import { slicesFor } from "../summary/slices.js";
import { resolveBaseline } from "./baseline.js";
import { reportDir } from "./places.js";
import { assertReportFolder, emitReport, writeOutputFile } from "./report-output.js";
import { findRun, type OpenStoreOptions, withStore } from "./store.js";

export interface GateOptions extends Omit<OpenStoreOptions, "mustExist"> {
  /** The candidate run. @default the latest */
  runId?: string;
  /** A baseline file (relative to `cwd`) or a run id. @default the config's gates.regression.baseline */
  baseline?: string;
  /** Fail on inconclusive checks too. @default false */
  strict?: boolean;
  /** Also write junit.xml here (relative to `cwd`). */
  junit?: string;
  /** The report folder, relative to `cwd`. @default reports/<runId> beside the config */
  out?: string;
  /** Write into `out` even when it holds files that are not callgrade's reports. @default false */
  force?: boolean;
  /** @default none: nothing is written or printed */
  reporters?: readonly Reporter[];
  print?: (text: string) => void;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface GateOutcome {
  runId: string;
  result: GateResult;
  summary: RunSummary;
  /**
   * 0 pass · 1 failed (or inconclusive under `strict`) · 3 the candidate is incomplete (some case has no
   * answer from some model, or the run was stopped): its numbers are not the change's, so it cannot pass.
   */
  exitCode: number;
  /** model id → the cases the candidate run has no answer for; empty when complete. */
  unscored: Record<string, string[]>;
  /** The candidate run was stopped before it finished. */
  interrupted: boolean;
  /** Some of the candidate's calls failed in a way a resume sends again. */
  retryable: boolean;
  reportDir: string;
  files: string[];
}

/**
 * Checks a run against the suite's gates.
 * @example const { exitCode, result } = await gate(suite); if (exitCode !== 0) console.log(result.checks);
 */
export async function gate(suite: Suite, options: GateOptions = {}): Promise<GateOutcome> {
  const gates = gatesFor(suite, options.baseline);
  const cwd = options.cwd ?? process.cwd();
  return withStore(suite, { ...options, mustExist: true }, async (store) => {
    const run = findRun(store, options.runId);
    const reporters = options.reporters ?? [];
    // Scoring gathers report.html's agreement figures as it goes, when it scores (see reportData).
    const agreement = reporters.length > 0 ? new AgreementTally(store, run) : undefined;
    scoreRun(store, run, { observer: agreement });
    const summary = buildSummary(store, run, { slices: slicesFor(suite.config, run) });
    const candidate = baselineFromStore(store, run, summary);
    const baseline = baselineFor(store, suite, gates, options.baseline, cwd);
    if (baseline?.runId === run.id) {
      throw new CallgradeError(
        "USAGE",
        `the baseline is run ${run.id} itself; pass --run with the candidate run`,
      );
    }
    const result = runGate(candidate, {
      gates,
      strict: options.strict === true,
      ...(baseline ? { baseline } : {}),
    });
    const dir = reportDir(suite, run.id, options);
    if (options.out && reporters.length > 0) assertReportFolder(dir, { force: options.force === true });
    const files =
      reporters.length > 0
        ? await emitReport(reporters, reportData(store, run, summary, { gate: result, agreement }), {
            dir,
            env: options.env ?? process.env,
            ...(options.print ? { print: options.print } : {}),
          })
        : [];
    if (options.junit)
      files.push(writeOutputFile(path.resolve(cwd, options.junit), renderJunit(summary, result)));
    const interrupted = summary.status !== "finished";
    const incomplete = interrupted || Object.keys(summary.unscored).length > 0;
    return {
      runId: run.id,
      result,
      summary,
      exitCode: incomplete ? 3 : gateExitCode(result),
      unscored: summary.unscored,
      interrupted,
      retryable: hasRetryableFailures(summary),
      reportDir: dir,
      files,
    };
  });
}

/** The config's gates; a baseline alone is enough to gate on regression with the default tolerances. */
function gatesFor(suite: Suite, baseline: string | undefined): GatesConfig {
  const configured = suite.config.gates;
  if (configured?.regression || !baseline) {
    if (!configured || (configured.thresholds.length === 0 && !configured.regression && !baseline)) {
      throw new CallgradeError(
        "USAGE",
        `${suite.file}: no gates configured; add gates.thresholds or gates.regression, or pass --baseline`,
      );
    }
    return configured;
  }
  return gatesSchema.parse({ ...configured, regression: { baseline } });
}

/** --baseline as a file or run id; without it, the configured baseline file, beside the config. */
function baselineFor(
  store: Store,
  suite: Suite,
  gates: GatesConfig,
  flag: string | undefined,
  cwd: string,
): Baseline | undefined {
  if (flag) return resolveBaseline(store, flag, cwd);
  if (!gates.regression) return undefined;
  return readBaseline(path.resolve(suite.baseDir, gates.regression.baseline));
}

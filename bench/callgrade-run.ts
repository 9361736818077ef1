// What `callgrade run --config FILE` does, in-process so its CPU can be measured: config, store, run,
// scoring, summary, report files and the console summary. Progress goes to plain lines, as in CI, and away.
import path from "node:path";
import { withStore } from "../src/cli/commands/context.js";
import { lineProgress } from "../src/cli/progress/lines.js";
import { loadConfig } from "../src/config/load.js";
import type { RunSummary } from "../src/core/summary.js";
import { renderConsole } from "../src/report/console.js";
import { htmlReportData } from "../src/report/html-data.js";
import { buildSummary } from "../src/report/summary.js";
import { writeReports } from "../src/report/write.js";
import { runSuite } from "../src/runner/index.js";

export interface CallgradeRunOptions {
  useCache: boolean;
  /** Stops the run (it ends "interrupted") when the bench's time for it is up. */
  signal: AbortSignal;
}

export interface CallgradeRun {
  runId: string;
  summary: RunSummary;
  /** Retries the run announced, by error kind. */
  retries: number;
}

export async function callgradeRun(configFile: string, options: CallgradeRunOptions): Promise<CallgradeRun> {
  const loaded = await loadConfig(path.dirname(configFile), configFile);
  const storeFile = path.resolve(loaded.baseDir, loaded.config.store ?? "store.db");
  return withStore(storeFile, async (store) => {
    const progress = lineProgress(() => {});
    let retries = 0;
    const run = await runSuite(loaded, store, {
      useCache: options.useCache,
      signal: options.signal,
      env: { OPENAI_API_KEY: "sk-bench" },
      emit: (event) => {
        if (event.type === "call-retrying") retries++;
        progress.listener(event);
      },
    });
    progress.stop();
    const summary = buildSummary(store, run);
    const reports = path.resolve(loaded.baseDir, loaded.config.reportsDir ?? "reports", run.id);
    writeReports(reports, htmlReportData(store, run, summary));
    renderConsole(summary);
    return { runId: run.id, summary, retries };
  });
}

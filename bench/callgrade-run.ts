// What `callgrade run --config FILE` does, in-process so its CPU can be measured: config, store, run,
// scoring, summary, report files and the console summary. Progress goes to plain lines, as in CI, and away.
import { run } from "../src/api/run.js";
import { lineProgress } from "../src/cli/progress/lines.js";
import type { RunSummary } from "../src/core/summary.js";
import { loadSuite } from "../src/load/config.js";
import { BUILTIN_REPORTERS } from "../src/report/reporters/index.js";

export interface CallgradeRunOptions {
  useCache: boolean;
  /** Stops the run (it ends "interrupted") when the bench's time for it is up. */
  signal: AbortSignal;
  /** Another store than the suite's: a PostgreSQL address, say. */
  store?: string;
}

export interface CallgradeRun {
  runId: string;
  summary: RunSummary;
  /** Retries the run announced, by error kind. */
  retries: number;
}

export async function callgradeRun(configFile: string, options: CallgradeRunOptions): Promise<CallgradeRun> {
  const suite = await loadSuite(configFile);
  const progress = lineProgress(() => {});
  let retries = 0;
  const { console, json, markdown, html } = BUILTIN_REPORTERS;
  const result = await run(suite, {
    cache: options.useCache,
    signal: options.signal,
    ...(options.store ? { store: options.store } : {}),
    env: { OPENAI_API_KEY: "sk-bench" },
    reporters: [console, json, markdown, html].filter((r) => r !== undefined),
    onEvent: (event) => {
      if (event.type === "call-retrying") retries++;
      progress.listener(event);
    },
  });
  progress.stop();
  return { runId: result.runId, summary: result.summary, retries };
}

import { loadConfig } from "../../config/load.js";
import { CallgradeError } from "../../core/errors.js";
import { renderConsole } from "../../report/console.js";
import { buildSummary } from "../../report/summary.js";
import { writeReports } from "../../report/write.js";
import { scoreRun } from "../../runner/index.js";
import type { ReportFlags } from "../program.js";
import { display, optional, reportDir, storePath, withStore } from "./context.js";

/** Re-scores a stored run with the current matchers and writes its report; no provider is called. */
export async function reportCommand(runId: string | undefined, flags: ReportFlags): Promise<number> {
  // --config only says where the store and reports live; the run itself carries everything it needs.
  const loaded = flags.config ? await loadConfig(process.cwd(), flags.config) : undefined;
  const configured = loaded && { baseDir: loaded.baseDir, ...optional("store", loaded.config.store) };
  const reports = loaded && { baseDir: loaded.baseDir, ...optional("reportsDir", loaded.config.reportsDir) };
  return withStore(storePath(flags.store, configured), async (store) => {
    const run = runId ? store.runs.get(runId) : store.runs.latest();
    if (!run) {
      throw new CallgradeError(
        "RUN_NOT_FOUND",
        runId
          ? `no run "${runId}" in ${display(store.file)}`
          : `no runs in ${display(store.file)} yet: run \`callgrade run\` first`,
      );
    }
    scoreRun(store, run);
    const summary = buildSummary(store, run);
    const files = writeReports(reportDir(flags.out, run.id, reports), summary);
    process.stdout.write(`${renderConsole(summary)}\n\nreport: ${files.map(display).join(", ")}\n`);
    return 0;
  });
}

import { renderConsole } from "../../report/console.js";
import { htmlReportData } from "../../report/html-data.js";
import { buildSummary } from "../../report/summary.js";
import { writeReports } from "../../report/write.js";
import { scoreRun } from "../../runner/index.js";
import type { ReportFlags } from "../program.js";
import { display, reportDir, withStore } from "./context.js";
import { findRun, where } from "./where.js";

/** Re-scores a stored run with the current matchers and grades and writes its report; no provider is called. */
export async function reportCommand(runId: string | undefined, flags: ReportFlags): Promise<number> {
  const place = await where(flags);
  return withStore(place.storeFile, async (store) => {
    const run = findRun(store, runId);
    scoreRun(store, run);
    const summary = buildSummary(store, run);
    const files = writeReports(
      reportDir(flags.out, run.id, place.reports),
      htmlReportData(store, run, summary),
    );
    process.stdout.write(`${renderConsole(summary)}\n\nreport: ${files.map(display).join(", ")}\n`);
    return 0;
  });
}

import path from "node:path";
import { baselineFromStore, writeBaseline } from "../../report/baseline.js";
import { buildSummary } from "../../report/summary.js";
import { scoreRun } from "../../runner/index.js";
import type { RunRecord, Store } from "../../store/index.js";
import type { BaselineFlags } from "../program.js";
import { display, withStore } from "./context.js";
import { findRun, where } from "./where.js";

export const DEFAULT_BASELINE = "reports/baseline/summary.json";

/** Writes a run's baseline file (its summary plus per-call outcomes) and says how to use it. */
export function saveBaseline(store: Store, run: RunRecord, file: string): string {
  scoreRun(store, run);
  writeBaseline(file, baselineFromStore(store, run, buildSummary(store, run)));
  return `baseline: ${display(file)} (commit it; gate against it with \`callgrade gate --baseline ${display(file)}\`)\n`;
}

export async function baselineCommand(runId: string | undefined, flags: BaselineFlags): Promise<number> {
  const place = await where(flags);
  return withStore(place.storeFile, async (store) => {
    const run = findRun(store, runId);
    const file = path.resolve(flags.out ?? path.join(place.reports?.baseDir ?? ".", DEFAULT_BASELINE));
    process.stdout.write(saveBaseline(store, run, file));
    return 0;
  });
}

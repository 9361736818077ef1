import { existsSync } from "node:fs";
import path from "node:path";
import { gatesSchema } from "../../config/schema.js";
import { CallgradeError } from "../../core/errors.js";
import { inert } from "../../core/inert.js";
import { regressionChecks } from "../../gate/regression.js";
import type { Baseline } from "../../gate/types.js";
import { baselineFromStore, readBaseline } from "../../report/baseline.js";
import { renderCompare } from "../../report/compare.js";
import { buildSummary } from "../../report/summary.js";
import { writeAtomic } from "../../report/write.js";
import { scoreRun } from "../../runner/index.js";
import type { Store } from "../../store/index.js";
import type { CompareFlags } from "../program.js";
import { display, withStore } from "./context.js";
import { where } from "./where.js";

/** Run A is the reference, run B the candidate; each is a run id in the store or a baseline file. */
export async function compareCommand(runA: string, runB: string, flags: CompareFlags): Promise<number> {
  const place = await where(flags);
  return withStore(place.storeFile, async (store) => {
    const a = load(store, runA);
    const b = load(store, runB);
    const settings = gatesSchema.parse({ regression: { baseline: runA } }).regression;
    if (!settings) throw new Error("regression defaults missing");
    const text = renderCompare(regressionChecks(b, a, settings), a.runId, b.runId);
    process.stdout.write(`${text}\n`);
    if (flags.out)
      process.stdout.write(
        `written to ${display(writeAtomic(path.resolve(flags.out), `\`\`\`\n${text}\n\`\`\`\n`))}\n`,
      );
    return 0;
  });
}

function load(store: Store, ref: string): Baseline {
  const file = path.resolve(ref);
  if (existsSync(file)) return readBaseline(file);
  const run = store.runs.get(ref);
  if (!run)
    throw new CallgradeError(
      "RUN_NOT_FOUND",
      `${inert(ref)}: neither a baseline file nor a run in ${display(store.file)}`,
    );
  scoreRun(store, run);
  return baselineFromStore(store, run, buildSummary(store, run));
}

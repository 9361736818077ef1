import path from "node:path";
import { CallgradeError } from "../../core/errors.js";
import { writeAtomic } from "../../report/write.js";
import { adjudicatedGold } from "../../review/export-gold.js";
import type { ExportGoldFlags } from "../program.js";
import { display, reportDir, withStore } from "./context.js";
import { findRun, where } from "./where.js";

export async function exportGoldCommand(flags: ExportGoldFlags): Promise<number> {
  const place = await where(flags);
  return withStore(place.storeFile, async (store) => {
    const run = findRun(store, flags.run);
    const rows = adjudicatedGold(store, run);
    const file = flags.out
      ? path.resolve(flags.out)
      : path.join(reportDir(undefined, run.id, place.reports), "gold.jsonl");
    try {
      writeAtomic(file, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new CallgradeError(
        "USAGE",
        `${file}: cannot write (${reason}); pass --out FILE in a writable folder`,
      );
    }
    process.stdout.write(`${rows.length} adjudicated cases of run ${run.id} written to ${display(file)}\n`);
    return 0;
  });
}

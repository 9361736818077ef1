// Grades become gold: the labels reviewers settled, as dataset JSONL.
import path from "node:path";
import type { Suite } from "../config/suite.js";
import { writeAtomic } from "../core/atomic-write.js";
import { CallgradeError } from "../core/errors.js";
import { adjudicatedGold, type GoldRow } from "../review/export-gold.js";
import { reportDir } from "./places.js";
import { findRun, type OpenStoreOptions, withStore } from "./store.js";

export interface ExportGoldOptions extends Omit<OpenStoreOptions, "mustExist"> {
  /** The run. @default the latest */
  runId?: string;
  /** The JSONL file, relative to `cwd`. @default reports/<runId>/gold.jsonl beside the config */
  out?: string;
}

/**
 * Writes every case a reviewer settled, with its labels and where each came from.
 * @example const { file, rows } = await exportGold(suite);
 */
export async function exportGold(
  suite: Suite | undefined,
  options: ExportGoldOptions = {},
): Promise<{ runId: string; file: string; rows: GoldRow[] }> {
  return withStore(suite, { ...options, mustExist: true }, (store) => {
    const run = findRun(store, options.runId);
    const rows = adjudicatedGold(store, run);
    const file = options.out
      ? path.resolve(options.cwd ?? ".", options.out)
      : path.join(reportDir(suite, run.id, { ...(options.cwd ? { cwd: options.cwd } : {}) }), "gold.jsonl");
    try {
      writeAtomic(file, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new CallgradeError(
        "USAGE",
        `${file}: cannot write (${reason}); pass --out FILE in a writable folder`,
      );
    }
    return { runId: run.id, file, rows };
  });
}

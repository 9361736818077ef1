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

export interface ExportGoldResult {
  runId: string;
  file: string;
  rows: GoldRow[];
  /** Reviewers' notes the rows carry (in `meta.adjudication.notes`). */
  notes: number;
  /** Notes on cases nobody graded: no row carries them (report.md and report.html show them). */
  notesLeftOut: number;
}

/**
 * Writes every case a reviewer settled, with its labels and where each came from.
 * @example const { file, rows } = await exportGold(suite);
 */
export async function exportGold(
  suite: Suite | undefined,
  options: ExportGoldOptions = {},
): Promise<ExportGoldResult> {
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
    const exported = new Set(rows.map((row) => row.id));
    const all = store.review.notes(run.id);
    const notes = all.filter((note) => exported.has(note.caseId)).length;
    return { runId: run.id, file, rows, notes, notesLeftOut: all.length - notes };
  });
}

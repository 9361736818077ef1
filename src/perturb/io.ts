// The one place perturb touches files: read a dataset with the standard loader, write the variants as JSONL.
import path from "node:path";
import { writeAtomic } from "../core/atomic-write.js";
import { CallgradeError } from "../core/errors.js";
import { loadDataset } from "../dataset/index.js";
import { type LevelSummary, perturbDataset } from "./dataset.js";

export interface PerturbFileOptions {
  /** A .jsonl or .csv dataset, read and checked as `callgrade run` reads it. */
  dataset: string;
  /** @default `<dataset folder>/<dataset name>.noisy.jsonl` */
  out?: string;
  levels: readonly number[];
  seed: number;
}

export interface PerturbFileResult {
  out: string;
  /** Cases in the input; the output has (levels + 1) rows for each. */
  cases: number;
  levels: LevelSummary[];
}

export function defaultOut(dataset: string): string {
  const parsed = path.parse(path.resolve(dataset));
  return path.join(parsed.dir, `${parsed.name}.noisy.jsonl`);
}

export async function perturbFile(options: PerturbFileOptions): Promise<PerturbFileResult> {
  const out = path.resolve(options.out ?? defaultOut(options.dataset));
  if (out === path.resolve(options.dataset))
    throw new CallgradeError("USAGE", `${options.dataset}: --out names the input itself; pick another file`);
  const cases = await loadDataset(options.dataset);
  const { rows, levels } = perturbDataset(cases, { levels: options.levels, seed: options.seed });
  try {
    // Whole or not at all: a reader never sees half a dataset.
    writeAtomic(out, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CallgradeError(
      "USAGE",
      `${out}: cannot write (${reason}); pass --out FILE in a writable folder`,
    );
  }
  return { out, cases: cases.length, levels };
}

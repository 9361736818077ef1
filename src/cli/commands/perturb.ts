// `callgrade perturb <dataset>`: noisy copies of a dataset at measured word error rates, for robustness runs.
import { CallgradeError } from "../../core/errors.js";
import { table } from "../../core/format.js";
import { type PerturbFileResult, parseLevels, perturbFile } from "../../perturb/index.js";
import { say } from "../output.js";
import { display } from "./context.js";

export interface PerturbFlags {
  /** The input dataset, .jsonl or .csv. */
  dataset: string;
  /** Comma list of word error rates, each in (0, 0.5]. @default "0.05,0.1,0.2" */
  wer?: string;
  /** @default 1 */
  seed?: string | number;
  /** @default `<dataset folder>/<dataset name>.noisy.jsonl` */
  out?: string;
}

export const DEFAULT_WER = "0.05,0.1,0.2";

function parseSeed(value: string | number | undefined): number {
  if (value === undefined) return 1;
  const seed = typeof value === "number" ? value : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffff_ffff)
    throw new CallgradeError("USAGE", `--seed: "${value}" must be a whole number from 0 to 4294967295`);
  return seed;
}

export function renderPerturbTable(result: PerturbFileResult): string {
  const rows = result.levels.map((level) => [
    String(level.level),
    level.wer.toFixed(4),
    `${level.counts.sub}/${level.counts.del}/${level.counts.ins}`,
    String(level.calls),
    display(result.out),
  ]);
  return table(["level", "measured WER", "S/D/I", "calls", "file"], rows, ["r", "r", "r", "r", "l"]);
}

export async function perturbCommand(flags: PerturbFlags): Promise<number> {
  const levels = parseLevels(flags.wer ?? DEFAULT_WER);
  const seed = parseSeed(flags.seed);
  const result = await perturbFile({
    dataset: flags.dataset,
    levels,
    seed,
    ...(flags.out ? { out: flags.out } : {}),
  });
  say(`${renderPerturbTable(result)}\n`);
  say(
    `${result.cases} cases × ${levels.length + 1} rows (originals at level 0, seed ${seed}) written to ${display(result.out)}\n`,
  );
  return 0;
}

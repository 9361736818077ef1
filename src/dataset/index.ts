// Public entry of the dataset module: load or stream Cases from a .jsonl or .csv file.
import { extname } from "node:path";
import { inputError } from "../core/errors.js";
import type { Case } from "../core/types.js";
import { readCsv } from "./csv.js";
import { readJsonl } from "./jsonl.js";
import { readBlocks } from "./lines.js";
import { openDataset } from "./open.js";
import { type DatasetOptions, resolveOptions, tooLongAdvice } from "./options.js";

export { type DatasetOptions, DEFAULT_MAX_TRANSCRIPT_CHARS } from "./options.js";
export { type DatasetRow, datasetRow } from "./row.js";

const JSONL = new Set([".jsonl", ".ndjson", ".json-lines"]);

function formatOf(file: string): "jsonl" | "csv" {
  const extension = extname(file).toLowerCase();
  if (JSONL.has(extension)) return "jsonl";
  if (extension === ".csv") return "csv";
  throw inputError(
    "DATASET_INVALID",
    { file },
    `unknown dataset format "${extension || "(no extension)"}"; use a .jsonl (also .ndjson, .json-lines) or .csv file`,
  );
}

/**
 * Streams the cases of a dataset in file order. Checks every row as it goes (ids must be
 * unique); throws a CallgradeError (code DATASET_INVALID) naming file:line and the field
 * on the first bad row, and when the file has no rows.
 */
export async function* iterateDataset(file: string, options: DatasetOptions = {}): AsyncGenerator<Case> {
  const resolved = resolveOptions(options);
  const format = formatOf(file);
  const stream = await openDataset(file);
  const blocks = readBlocks(stream, file, resolved.maxLineBytes, tooLongAdvice(resolved.maxTranscriptChars));
  const cases =
    format === "jsonl"
      ? readJsonl(file, blocks, resolved.maxTranscriptChars)
      : readCsv(file, blocks, resolved);
  const seen = new Map<string, number>();
  try {
    for await (const item of cases) {
      const first = seen.get(item.id);
      if (first !== undefined) {
        throw inputError(
          "DATASET_INVALID",
          { file, line: item.source.line, field: "id" },
          `duplicate id "${item.id}" (first used on line ${first}); every case needs its own id`,
        );
      }
      seen.set(item.id, item.source.line);
      yield item;
      if (seen.size >= resolved.limit) return;
    }
  } finally {
    stream.destroy();
  }
  if (seen.size === 0) {
    throw inputError(
      "DATASET_INVALID",
      { file },
      "has no rows; add at least one case (blank lines are skipped)",
    );
  }
}

/** Reads a whole dataset into memory; see iterateDataset for the checks. */
export async function loadDataset(file: string, options: DatasetOptions = {}): Promise<Case[]> {
  const cases: Case[] = [];
  for await (const item of iterateDataset(file, options)) cases.push(item);
  return cases;
}

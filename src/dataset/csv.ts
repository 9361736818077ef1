// CSV into Cases, streaming through csv-parse, with file:line errors.
import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { z } from "zod";
import { CallgradeError, inputError } from "../core/errors.js";
import type { Case } from "../core/types.js";
import { type ColumnPlan, planColumns, recordToRow } from "./csv-columns.js";
import type { Block } from "./lines.js";
import { type ResolvedOptions, tooLongAdvice } from "./options.js";
import { rowToCase } from "./row.js";

// With `raw`, csv-parse yields { record, raw }: the cells and the record as written.
const parsedRecord = z.object({ record: z.array(z.string()), raw: z.string() });

// csv-parse counts "\r\n" inside quoted cells as two lines, so lines are counted here
// from each record's raw text (which ends in "\n" or, for CRLF files, in "\r").
const LINE_BREAK = /\r\n|\r|\n/g;

function csvProblem(error: CsvError, options: ResolvedOptions): string {
  if (error.code === "CSV_MAX_RECORD_SIZE") {
    return `record is over ${options.maxLineBytes} characters; ${tooLongAdvice(options.maxTranscriptChars)}`;
  }
  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    return "a quoted cell starting in this record is never closed; add the closing double quote";
  }
  return `malformed CSV (${error.message}); quote cells that contain commas, quotes or line breaks, and double the quotes inside them`;
}

async function* texts(blocks: AsyncIterable<Block>): AsyncGenerator<string> {
  for await (const { text } of blocks) yield text;
}

export async function* readCsv(
  file: string,
  blocks: AsyncIterable<Block>,
  options: ResolvedOptions,
): AsyncGenerator<Case> {
  const source = Readable.from(texts(blocks));
  const parser = parse({
    bom: true,
    raw: true,
    relax_column_count: true,
    max_record_size: options.maxLineBytes,
  });
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  let plan: ColumnPlan | undefined;
  let nextLine = 1;
  try {
    for await (const item of parser) {
      const { record, raw } = parsedRecord.parse(item);
      const line = nextLine;
      nextLine += raw.match(LINE_BREAK)?.length ?? 0;
      if (record.length === 1 && record[0]?.trim() === "") continue;
      if (!plan) {
        plan = planColumns(record, file, line);
        continue;
      }
      if (record.length !== plan.width) {
        throw inputError(
          "DATASET_INVALID",
          { file, line },
          `row has ${record.length} cells but the header has ${plan.width} columns; quote cells that contain commas, or add the missing cells`,
        );
      }
      yield rowToCase(
        recordToRow(plan, record, file, line, options.jsonGoldFields),
        { file, line },
        options.maxTranscriptChars,
      );
    }
  } catch (error) {
    if (error instanceof CallgradeError) throw error;
    if (error instanceof CsvError)
      throw inputError("DATASET_INVALID", { file, line: nextLine }, csvProblem(error, options));
    throw error;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

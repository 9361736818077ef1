// One line of a JSONL file of records keyed by id (recorded outputs, recorded transcripts): parsed and checked,
// or one error naming the file, the line and the field.
import type { z } from "zod";
import { type ErrorCode, inputError } from "../core/errors.js";
import { fieldName } from "./issues.js";
import { jsonColumn, jsonReason } from "./json-error.js";
import { checkRecordRow } from "./json-problem.js";

export interface RecordFormat<S extends z.ZodType> {
  code: ErrorCode;
  /** The row as users write it, for messages: `{ "id": ..., "output": ... }`. */
  row: string;
  shape: S;
  /** Keys every row must have, each with what to tell a user who left it out. */
  required: Record<string, string>;
}

export function parseRecordLine<S extends z.ZodType>(
  file: string,
  line: number,
  text: string,
  format: RecordFormat<S>,
): z.output<S> {
  const { code, row } = format;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const column = jsonColumn(error, text);
    throw inputError(
      code,
      { file, line, ...(column === undefined ? {} : { column }) },
      `not valid JSON (${jsonReason(error)}); each line must be one complete object ${row}`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw inputError(code, { file, line }, `each line must be an object ${row}`);
  }
  checkRecordRow(value, code, { file, line });
  for (const [field, hint] of Object.entries(format.required)) {
    if (!(field in value)) throw inputError(code, { file, line, field }, hint);
  }
  const parsed = format.shape.safeParse(value);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = issue ? fieldName(issue.path) : "";
    throw inputError(code, { file, line, ...(field ? { field } : {}) }, issue?.message ?? "invalid");
  }
  return parsed.data;
}

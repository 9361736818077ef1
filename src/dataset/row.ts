// The dataset row contract (JSONL rows, and CSV rows once assembled) and its Case.
import { z } from "zod";
import { inputError } from "../core/errors.js";
import type { Case, Turn } from "../core/types.js";
import { describeIssues } from "./issues.js";
import { checkDatasetRow } from "./json-problem.js";
import { tooLongAdvice } from "./options.js";

const expected = (what: string, hint?: string) => ({
  error: (issue: { input: unknown }) =>
    issue.input === undefined ? (hint ? `is missing; ${hint}` : "is missing") : `must be ${what}`,
});

const seconds = z.number(expected("a number of seconds")).nonnegative("must not be negative").optional();

/** One speaker turn. Extra keys (confidence, words...) from ASR output are dropped. */
export const turn = z.object({
  speaker: z.string(expected("a string", "every turn needs a speaker and a text")),
  text: z.string(expected("a string", "every turn needs a speaker and a text")),
  start: seconds,
  end: seconds,
});

const object = (what: string) => z.record(z.string(), z.unknown(), expected(what)).nullish();

/**
 * One row. `id` may be a number (it becomes a string); `null` for gold, meta or audio
 * means absent. Unknown top-level keys are rejected so a typo is not silently lost.
 */
export const datasetRow = z.strictObject({
  id: z
    .union([z.string().min(1, "must not be empty"), z.number()], {
      error: (issue) =>
        issue.input === undefined ? "is missing; every row needs an id" : "must be a string or a number",
    })
    .transform(String),
  transcript: z.union([z.string(), z.array(turn)], {
    error: (issue) =>
      issue.input === undefined
        ? "is missing; every row needs a transcript"
        : 'must be a string or a list of turns [{ "speaker": ..., "text": ... }]',
  }),
  gold: object('an object of expected field values, e.g. { "name": "..." }'),
  meta: object("an object"),
  audio: z.string(expected("a string (a path or URL)")).nullish(),
});

export type DatasetRow = z.infer<typeof datasetRow>;

export function transcriptLength(transcript: string | Turn[]): number {
  if (typeof transcript === "string") return transcript.length;
  let length = 0;
  for (const part of transcript) length += part.text.length;
  return length;
}

/** Validates one parsed row; throws a DATASET_INVALID error naming file:line and the field. */
export function rowToCase(value: unknown, source: Case["source"], maxTranscriptChars: number): Case {
  const where = { file: source.file, line: source.line };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw inputError(
      "DATASET_INVALID",
      where,
      'a row must be a JSON object like { "id": "1", "transcript": "..." }',
    );
  }
  checkDatasetRow(value, where);
  const parsed = datasetRow.safeParse(value);
  if (!parsed.success) {
    const { field, problem } = describeIssues(parsed.error.issues);
    throw inputError("DATASET_INVALID", { ...where, field }, problem);
  }
  const row = parsed.data;
  const length = transcriptLength(row.transcript);
  if (length > maxTranscriptChars) {
    throw inputError(
      "DATASET_INVALID",
      { ...where, field: "transcript" },
      `is ${length} characters long; ${tooLongAdvice(maxTranscriptChars)}`,
    );
  }
  const result: Case = { id: row.id, transcript: row.transcript, meta: row.meta ?? {}, source };
  if (row.gold) result.gold = row.gold;
  if (typeof row.audio === "string") result.audio = row.audio;
  return result;
}

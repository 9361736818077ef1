// Loader options: validated once, with the defaults and the byte guard derived from them.
import { z } from "zod";
import { CallgradeError } from "../core/errors.js";

export interface DatasetOptions {
  /** Stop after this many cases (the first rows of the file). @default no limit */
  limit?: number;
  /**
   * Longest transcript accepted, in UTF-16 code units (`String.length`); for a list
   * of turns, the sum of the turns' `text` lengths.
   * @default 1_000_000
   */
  maxTranscriptChars?: number;
  /**
   * Dotted names of the schema's list and object fields: a CSV `gold.<field>` cell for one of them is read as
   * JSON (`["peanuts"]`), where every other cell is a string.
   * @default none
   */
  jsonGoldFields?: readonly string[];
}

export const DEFAULT_MAX_TRANSCRIPT_CHARS = 1_000_000;

export interface ResolvedOptions {
  limit: number;
  maxTranscriptChars: number;
  jsonGoldFields: ReadonlySet<string>;
  /**
   * Longest physical line (or CSV record) read before giving up, so that a runaway
   * line is never buffered whole. Generous on purpose: JSON escapes take up to 6 bytes
   * per character and turn lists add keys, so 8 bytes a character plus 16 MiB for id,
   * gold and meta is far above any row whose transcript is within the limit.
   */
  maxLineBytes: number;
}

const optionsSchema = z
  .object({
    limit: z.number().int().positive().optional(),
    maxTranscriptChars: z.number().int().positive().optional(),
    jsonGoldFields: z.array(z.string()).readonly().optional(),
  })
  .strict();

export function resolveOptions(options: DatasetOptions = {}): ResolvedOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "options";
    throw new CallgradeError(
      "USAGE",
      `dataset options: ${field}: ${issue?.message ?? "invalid"}; limit and maxTranscriptChars must be positive integers`,
    );
  }
  const maxTranscriptChars = parsed.data.maxTranscriptChars ?? DEFAULT_MAX_TRANSCRIPT_CHARS;
  return {
    limit: parsed.data.limit ?? Number.POSITIVE_INFINITY,
    maxTranscriptChars,
    jsonGoldFields: new Set(parsed.data.jsonGoldFields),
    maxLineBytes: maxTranscriptChars * 8 + 16 * 1024 * 1024,
  };
}

/** What a user reads when a row is over the size limit. */
export function tooLongAdvice(maxTranscriptChars: number): string {
  return `the limit is ${maxTranscriptChars} characters; shorten or split the call, or raise maxTranscriptChars in the config if transcripts this long are intended`;
}

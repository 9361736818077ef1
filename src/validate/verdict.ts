// What a judge model answers about one free-text answer: checked like every model output, with zod.
import { z } from "zod";

/** The longest reason kept: one line, for a report's table and the review screen. */
export const MAX_REASON_CHARS = 300;

export const verdictSchema = z.object({
  /** Whether the answer meets the rubric. */
  pass: z.boolean(),
  /** How well, from 1 (not at all) to 5 (fully). */
  score: z.number().int().min(1).max(5),
  /** Why, in one short sentence. */
  reason: z.string().max(MAX_REASON_CHARS),
});

export type JudgeVerdict = z.infer<typeof verdictSchema>;

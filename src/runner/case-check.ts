// What a case must be before a run may pay for a call on it: a transcript with words, and gold that is a value of
// the schema that its field's matcher can read.
import type { z } from "zod";
import { fieldType } from "../config/field-type.js";
import { inputError } from "../core/errors.js";
import type { Case, FieldSpec } from "../core/types.js";
import { matchContext, type ScoringSettings } from "../scoring/context.js";
import { fieldValueProblem } from "../validate/field-value.js";

export type CaseCheck = (item: Case) => void;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEmptyTranscript(transcript: Case["transcript"]): boolean {
  if (typeof transcript === "string") return transcript.trim() === "";
  return transcript.every((turn) => turn.text.trim() === "");
}

/** Throws DATASET_INVALID naming file, line and field for the first problem in a case. */
export function caseCheck(schema: z.ZodObject, fields: FieldSpec[], scoring: ScoringSettings): CaseCheck {
  const specs = new Map(fields.map((field) => [field.name, field.match]));
  const isGroup = (name: string) => fields.some((field) => field.name.startsWith(`${name}.`));
  const known = fields.map((field) => field.name).join(", ");

  return (item) => {
    const fail = (field: string, problem: string) =>
      inputError("DATASET_INVALID", { ...item.source, field }, problem);
    if (isEmptyTranscript(item.transcript)) {
      throw fail("transcript", "is empty; give the call's words, or remove the row");
    }
    const ctx = matchContext(scoring, item);
    const walk = (gold: Record<string, unknown>, prefix: string): void => {
      for (const [key, value] of Object.entries(gold)) {
        const name = prefix === "" ? key : `${prefix}.${key}`;
        const spec = specs.get(name);
        if (spec) {
          const problem = fieldValueProblem(value, spec, fieldType(schema, name), ctx);
          if (problem) throw fail(`gold.${name}`, `${problem}; fix the gold value`);
        } else if (isGroup(name)) {
          if (isRecord(value)) walk(value, name);
          else if (value !== null) throw fail(`gold.${name}`, "must be an object of its fields' values");
        } else {
          throw fail(`gold.${name}`, `is not a field of the schema (its fields: ${known}); misspelt?`);
        }
      }
    };
    if (item.gold) walk(item.gold, "");
  };
}

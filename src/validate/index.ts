// Turns a model's raw text into a validated Output, keeping every schema issue with its path.
import type { z } from "zod";
import type { Output, OutputIssue } from "../core/types.js";
import { extractJson } from "./extract-json.js";

export { extractJson } from "./extract-json.js";

export function validateOutput(text: string, schema: z.ZodObject): Output {
  const extracted = extractJson(text);
  if (!extracted.ok) {
    return {
      ok: false,
      reason: extracted.reason,
      issues: [{ path: "", code: extracted.reason, message: extracted.message }],
    };
  }
  const parsed = schema.safeParse(extracted.value);
  if (parsed.success) return { ok: true, value: parsed.data as Record<string, unknown>, issues: [] };
  const issues: OutputIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    code: issue.code,
    message: issue.message,
  }));
  return { ok: false, reason: "schema", value: extracted.value, issues };
}

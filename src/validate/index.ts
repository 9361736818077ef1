// Turns a model's raw text into a validated Output, keeping every schema issue with its path.
import type { z } from "zod";
import { findJsonProblem, MAX_ANSWER_CHARS, MAX_ANSWER_DEPTH } from "../core/json-limits.js";
import type { Output, OutputIssue } from "../core/types.js";
import { extractJson } from "./extract-json.js";

export { extractJson } from "./extract-json.js";

export function validateOutput(text: string, schema: z.ZodObject): Output {
  if (text.length > MAX_ANSWER_CHARS) {
    const message = `the output is ${text.length} characters long, over the ${MAX_ANSWER_CHARS} read as an answer`;
    return { ok: false, reason: "invalid_json", issues: [{ path: "", code: "too_long", message }] };
  }
  const extracted = extractJson(text);
  if (!extracted.ok) {
    return {
      ok: false,
      reason: extracted.reason,
      issues: [{ path: "", code: extracted.reason, message: extracted.message }],
    };
  }
  // A model's answer is untrusted: checked before zod, the store or scoring recurse into it. The value is not
  // kept, so nothing downstream ever walks it; the raw text is stored as it came.
  if (findJsonProblem(extracted.value, { maxDepth: MAX_ANSWER_DEPTH })) {
    const message = `the JSON is nested deeper than ${MAX_ANSWER_DEPTH} levels`;
    return { ok: false, reason: "invalid_json", issues: [{ path: "", code: "too_deep", message }] };
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

// Prompt templates: `{{transcript}}`, `{{knowledge_base}}`, `{{schema}}`, `{{meta.x}}`.
import { inputError } from "../core/errors.js";

export type Part = { text: string } | { variable: string; line: number };

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;
const SUITE_VARIABLES = new Set(["knowledge_base", "schema"]);

/** Variables that change from case to case; everything before the first one is the cacheable prefix. */
export function isPerCase(variable: string): boolean {
  return variable === "transcript" || variable.startsWith("meta.");
}

/** Splits a template into text and placeholders, rejecting unknown variables with file:line. */
export function parseTemplate(source: string, file: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const variable = match[1] ?? "";
    const line = source.slice(0, match.index).split("\n").length;
    if (!isPerCase(variable) && !SUITE_VARIABLES.has(variable)) {
      throw inputError(
        "PROMPT_INVALID",
        { file, line, field: `{{${variable}}}` },
        "unknown template variable; use {{transcript}}, {{knowledge_base}}, {{schema}} or {{meta.<key>}}",
      );
    }
    if (variable === "meta.") {
      throw inputError(
        "PROMPT_INVALID",
        { file, line, field: "{{meta.}}" },
        "name the meta key, e.g. {{meta.callDate}}",
      );
    }
    if (match.index > last) parts.push({ text: source.slice(last, match.index) });
    parts.push({ variable, line });
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push({ text: source.slice(last) });
  if (!parts.some((part) => "variable" in part && part.variable === "transcript")) {
    throw inputError(
      "PROMPT_INVALID",
      { file, field: "{{transcript}}" },
      "the template never uses {{transcript}}",
    );
  }
  return parts;
}

// report.md's "Problems": per model, the calls without an answer, and for each error kind the provider's first
// distinct messages as inert Markdown (they are untrusted text).
import { inert } from "../core/inert.js";
import type { RunSummary } from "../core/summary.js";
import { failureText } from "./call-failures.js";
import { mdText } from "./gate-markdown-text.js";
import { cell } from "./markdown-table.js";

/** Terminal sequences dropped whole (not just their ESC), then inert Markdown. */
const markdown = (text: string) => mdText(inert(text));

/** The list items of models with failed calls; a nested item per error kind. */
export function failuresMarkdown(summary: RunSummary): string[] {
  const lines: string[] = [];
  for (const m of summary.models.filter((model) => model.errors > 0)) {
    const kinds = Object.entries(m.errorsByKind).map(([kind, n]) => `${n} ${cell(kind)}`);
    lines.push(`- ${cell(m.id)}: ${m.errors} calls without an answer (${kinds.join(", ")})`);
    for (const failure of m.failures ?? []) lines.push(`  - ${failureText(failure, markdown)}`);
  }
  return lines;
}

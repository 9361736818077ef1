// report.md's confusion matrices: per enum field and model, gold values (rows) against the model's values
// (columns), the diagonal in bold. Values are untrusted text, written as inert Markdown.
import type { ConfusionMatrix, RunSummary } from "../core/summary.js";
import { isDiagonal } from "../summary/confusion.js";
import { mdText } from "./gate-markdown-text.js";

/** Fields with a matrix for some model, in the order models list them. */
export function confusionFields(summary: RunSummary): string[] {
  const fields = new Set<string>();
  for (const model of summary.models)
    for (const field of Object.keys(model.confusion ?? {})) fields.add(field);
  return [...fields];
}

export function confusionMarkdown(summary: RunSummary): string[] {
  const fields = confusionFields(summary);
  if (fields.length === 0) return [];
  const lines = [
    "",
    "## Confusion matrices",
    "",
    "Enum fields: the gold value (rows) against the model's value (columns), in scored calls; the diagonal, in bold, is right.",
  ];
  for (const field of fields) {
    for (const model of summary.models) {
      const matrix = model.confusion?.[field];
      if (matrix) lines.push("", `### ${mdText(field)} · ${mdText(model.id)}`, "", ...table(matrix));
    }
  }
  return lines;
}

function table(matrix: ConfusionMatrix): string[] {
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    row(["gold ↓ · answer →", ...matrix.columns.map(mdText)]),
    row(["---", ...matrix.columns.map(() => "---:")]),
    ...matrix.rows.map((gold, i) =>
      row([
        `**${mdText(gold)}**`,
        ...matrix.columns.map((answer, j) => {
          const n = matrix.counts[i]?.[j] ?? 0;
          return isDiagonal(gold, answer) ? `**${n}**` : n === 0 ? "·" : String(n);
        }),
      ]),
    ),
  ];
}

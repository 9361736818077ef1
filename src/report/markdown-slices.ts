// report.md's slices: per meta key the suite names, each value's accuracy per model, field by field.
import { interval, pct } from "../core/format.js";
import type { RunSummary, SliceFieldMetrics } from "../core/summary.js";
import { sliceAccuracy, sliceValuesInOrder, sliceWarning } from "./console-slices.js";
import { cell, row } from "./markdown-table.js";

function fieldCell(metrics: SliceFieldMetrics | undefined): string {
  return metrics ? `${pct(metrics.accuracy)} ${interval(metrics.ci95)} n=${metrics.n}` : "—";
}

/** The "Slices" section, one table per key; none when the suite names no slices. */
export function slicesMarkdown(summary: RunSummary): string[] {
  const slices = Object.entries(summary.slices ?? {});
  if (slices.length === 0) return [];
  const lines = [
    "",
    "## Slices",
    "",
    "Accuracy on the cases of each meta value. Fields: 95% Wilson interval, n = scored calls; field accuracy: 95% interval clustered by case, n = cases.",
  ];
  const models = summary.models.map((m) => m.id);
  for (const [key, values] of slices) {
    lines.push("", `### ${cell(key)}`, "");
    const warning = sliceWarning(key, values);
    if (warning) {
      lines.push(`${cell(warning)}.`);
      continue;
    }
    lines.push(
      row([key, "cases", "field", ...models]),
      row(["---", "---:", "---", ...models.map(() => "---:")]),
    );
    for (const [value, slice] of sliceValuesInOrder(values)) {
      lines.push(
        row([
          value,
          String(slice.cases),
          "field accuracy",
          ...models.map((m) => sliceAccuracy(slice.models[m])),
        ]),
      );
      const fields = new Set(Object.values(slice.models).flatMap((m) => Object.keys(m.fields)));
      for (const field of fields)
        lines.push(row(["", "", field, ...models.map((m) => fieldCell(slice.models[m]?.fields[field]))]));
    }
  }
  return lines;
}

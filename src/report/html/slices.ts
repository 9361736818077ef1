// report.html's slices: per meta key the suite names, a table of each value's accuracy per model. Meta values
// come from the dataset, so every one of them is escaped.
import { interval, pct } from "../../core/format.js";
import type { SliceFieldMetrics, SliceModelMetrics } from "../../core/summary.js";
import { sliceValuesInOrder, sliceWarning } from "../console-slices.js";
import { escapeHtml as h } from "./escape.js";
import type { View } from "./view.js";

function figure(metrics: SliceModelMetrics | SliceFieldMetrics | undefined): string {
  if (!metrics) return "<td>—</td>";
  const value = "fieldAccuracy" in metrics ? metrics.fieldAccuracy : metrics.accuracy;
  if (value === null) return "<td>—</td>";
  const spread = [interval(metrics.ci95), `n=${metrics.n}`].filter(Boolean).join(" ");
  return `<td>${pct(value)} <small>${spread}</small></td>`;
}

function keyTable(v: View, key: string): string {
  const values = v.data.summary.slices?.[key] ?? {};
  const warning = sliceWarning(key, values);
  const heading = `<h3>${h(key)}</h3>`;
  if (warning) return `${heading}<p class="lead">${h(warning)}.</p>`;
  const models = v.data.summary.models.map((m) => m.id);
  const rows: string[] = [];
  for (const [value, slice] of sliceValuesInOrder(values)) {
    const fields = [...new Set(Object.values(slice.models).flatMap((m) => Object.keys(m.fields)))];
    const span = fields.length + 1;
    rows.push(
      `<tr><th scope="rowgroup" rowspan="${span}">${h(value)} <small>${slice.cases} cases</small></th><th scope="row">field accuracy</th>${models.map((m) => figure(slice.models[m])).join("")}</tr>`,
    );
    for (const field of fields)
      rows.push(
        `<tr><th scope="row">${h(field)}</th>${models.map((m) => figure(slice.models[m]?.fields[field])).join("")}</tr>`,
      );
  }
  const heads = models.map((id) => `<th scope="col">${h(id)}</th>`).join("");
  return `${heading}<div class="scroll"><table class="num">
<thead><tr><th scope="col">${h(key)}</th><th scope="col">field</th>${heads}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

/** The "Slices" section; empty when the suite names no slices. */
export function slicesSection(v: View): string {
  const keys = Object.keys(v.data.summary.slices ?? {});
  if (keys.length === 0) return "";
  return `<section id="slices" aria-labelledby="slices-h"><h2 id="slices-h">Accuracy per slice</h2>
<p class="lead">Accuracy on the cases of each meta value. Fields: 95% Wilson interval, n = scored calls; field accuracy: 95% interval clustered by case, n = cases.</p>
${keys.map((key) => keyTable(v, key)).join("\n")}</section>`;
}

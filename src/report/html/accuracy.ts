// Per-field accuracy per model: horizontal bars with 95% interval whiskers, human-adjudicated accuracy beside them.
import { interval, pct } from "../../core/format.js";
import type { HumanFieldMetrics } from "../../core/summary.js";
import { unreadableCounts } from "../unreadable.js";
import { escapeHtml as h, truncate } from "./escape.js";
import { chart, linear, modelClass, round, swatch, xAxis } from "./svg.js";
import type { View } from "./view.js";

/** Where the bars are drawn, in viewBox units: a bar of accuracy a is a × `width` wide, starting at `x0`. */
export const ACCURACY_PLOT = { x0: 200, width: 660 } as const;
const W = 1000;
const ROW = 18;
const HUMAN_ROW = 11;
const GAP = 14;

interface Metric {
  accuracy: number | null;
  ci95: [number, number] | null;
  n: number;
  correct: number;
}

export function accuracySection(v: View): string {
  const fields = [...new Set([...v.fields, ...v.humanFields])];
  if (fields.length === 0) return "";
  const hasHuman = v.humanFields.length > 0;
  const x = linear([0, 1], [ACCURACY_PLOT.x0, ACCURACY_PLOT.x0 + ACCURACY_PLOT.width], 5);
  const top = 6;
  let y = top;
  const groups: string[] = [];
  for (const [gi, field] of fields.entries()) {
    const start = y;
    const rows: string[] = [];
    for (const id of v.models) {
      const m = v.summaryOf(id);
      if (!m) continue;
      const i = v.index(id);
      const auto = m.fields[field];
      rows.push(bar(x, y, ROW, 12, id, i, field, auto, "accuracy"));
      y += ROW;
      const human: HumanFieldMetrics | undefined = m.human?.[field];
      if (human && human.n > 0) {
        rows.push(bar(x, y - 3, HUMAN_ROW, 7, id, i, field, human, "human"));
        y += HUMAN_ROW;
      }
    }
    const band =
      gi % 2 === 0
        ? `<rect class="band" x="0" y="${start - GAP / 2}" width="${W}" height="${y - start + GAP}"/>`
        : "";
    const label = `<text class="field-label" x="${ACCURACY_PLOT.x0 - 12}" y="${round((start + y) / 2 + 4)}" text-anchor="end">${h(truncate(field, 26))}<title>${h(field)}</title></text>`;
    groups.push(`${band}${label}${rows.join("")}`);
    y += GAP;
  }
  const bottom = y - GAP / 2;
  const svg = chart(
    W,
    bottom + 44,
    "Accuracy per field and model, with 95% intervals",
    `${xAxis(x, top - GAP / 2, bottom, (t) => `${Math.round(t * 100)}%`, "accuracy against gold (95% Wilson interval)")}${groups.join("")}`,
    "One group of bars per field, one bar per model; whiskers show the 95% interval.",
  );
  const legend = v.models
    .filter((id) => v.summaryOf(id))
    .map((id) => `<li>${swatch(v.index(id))}${h(id)}</li>`)
    .join("");
  const extra = `<li><span class="key whisker-key" aria-hidden="true"></span>95% interval</li>${hasHuman ? `<li><span class="key human-key" aria-hidden="true"></span>human-adjudicated (lighter, thinner bar)</li>` : ""}`;
  return `<section id="accuracy" aria-labelledby="accuracy-h"><h2 id="accuracy-h">Accuracy per field</h2>
<p class="lead">Share of calls each model got right, field by field. Overlapping whiskers mean the difference may be noise.</p>
${unreadableNote(v)}<ul class="legend">${legend}${extra}</ul>
<figure>${svg}</figure>
${numbers(v, fields)}</section>`;
}

function bar(
  x: (v: number) => number,
  y: number,
  row: number,
  height: number,
  id: string,
  index: number,
  field: string,
  metric: Metric | undefined,
  kind: "accuracy" | "human",
): string {
  const cy = round(y + row / 2);
  const what = kind === "human" ? "human-adjudicated" : "accuracy";
  if (!metric || metric.accuracy === null) {
    const note = kind === "human" ? "no human labels" : "no gold labels";
    return `<text class="note" x="${ACCURACY_PLOT.x0 + 4}" y="${cy + 4}">${note}<title>${h(id)} · ${h(field)}: ${note}</title></text>`;
  }
  const width = round(x(metric.accuracy) - x(0));
  const ci = metric.ci95;
  const tip = `${id} · ${field} ${what}: ${pct(metric.accuracy)}${ci ? ` (95% CI ${pct(ci[0])}–${pct(ci[1])})` : ""}, ${metric.correct} of ${metric.n} correct, n=${metric.n}`;
  const whisker = ci
    ? `<path class="whisker" d="M${round(x(ci[0]))} ${cy}H${round(x(ci[1]))}M${round(x(ci[0]))} ${cy - 4}V${cy + 4}M${round(x(ci[1]))} ${cy - 4}V${cy + 4}"/>`
    : "";
  const label = `<text class="value${kind === "human" ? " human" : ""}" x="${ACCURACY_PLOT.x0 + ACCURACY_PLOT.width + 12}" y="${cy + 4}">${pct(metric.accuracy)}${kind === "human" ? " human" : ""}</text>`;
  return `<g class="${modelClass(index)}${kind === "human" ? " human" : ""}"><rect class="bar" x="${ACCURACY_PLOT.x0}" y="${round(cy - height / 2)}" width="${width}" height="${height}" fill="currentColor"><title>${h(tip)}</title></rect>${whisker}${label}</g>`;
}

/** Values no matcher could read are in no bar: say how many, so a matcher's gap is not a hidden drop. */
function unreadableNote(v: View): string {
  const counts = unreadableCounts(v.data.summary);
  if (counts.length === 0) return "";
  const parts = counts.map(
    (c) =>
      `${swatch(v.index(c.model))}<b>${h(c.model)}</b> ${c.total} (${c.fields.map(([field, n]) => `${h(field)} ${n}`).join(", ")})`,
  );
  return `<p class="lead unreadable">Unreadable values, in no accuracy here and queued for review: ${parts.join("; ")}.</p>\n`;
}

function numbers(v: View, fields: string[]): string {
  const models = v.models.filter((id) => v.summaryOf(id));
  const cell = (m: (Metric & { unreadable?: number }) | undefined) => {
    const unread = m?.unreadable ? ` <small class="unreadable">${m.unreadable} unreadable</small>` : "";
    return m && m.n > 0
      ? `${pct(m.accuracy)} <small>${interval(m.ci95)} n=${m.n}</small>${unread}`
      : unread || "—";
  };
  const rows = fields.map((field) => {
    const auto = models.map((id) => `<td>${cell(v.summaryOf(id)?.fields[field])}</td>`).join("");
    const human = v.humanFields.length
      ? models.map((id) => `<td>${cell(v.summaryOf(id)?.human?.[field])}</td>`).join("")
      : "";
    return `<tr><th scope="row">${h(field)}</th>${auto}${human}<td>${pct(v.data.summary.agreement[field]?.rate)}</td></tr>`;
  });
  const heads = models.map((id) => `<th scope="col">${h(id)}</th>`).join("");
  const humanHeads = v.humanFields.length
    ? models.map((id) => `<th scope="col">${h(id)} <small>human</small></th>`).join("")
    : "";
  return `<details class="numbers"><summary>Numbers behind the chart</summary><div class="scroll"><table class="num">
<caption>Accuracy with its 95% interval; n = scored calls. Agreement: share of calls where all models gave the same value.</caption>
<thead><tr><th scope="col">field</th>${heads}${humanHeads}<th scope="col">agreement</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></details>`;
}

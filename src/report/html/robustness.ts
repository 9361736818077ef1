// "Robustness": how field accuracy falls as recognition-like noise is added to the transcripts, overall and per field.
import { pct, signedPoints } from "../../core/format.js";
import type { RobustnessPoint, RobustnessSummary } from "../../core/summary.js";
import { fieldsByChange, levelHeading, pointAt, robustnessChange } from "../voice-facts.js";
import { escapeHtml as h } from "./escape.js";
import { LARGE, type Line, lineChart, SMALL } from "./line-chart.js";
import { niceMax, swatch } from "./svg.js";
import type { View } from "./view.js";

export function robustnessSection(v: View): string {
  const r = v.data.summary.robustness;
  if (!r || r.models.length === 0) return "";
  // A model of the run keeps its colour; one only in this section takes the next colours free.
  let next = v.models.length;
  const colours = new Map(
    r.models.map((m) => [m.model, v.models.includes(m.model) ? v.index(m.model) : next++]),
  );
  const wers = [...r.levels.map((l) => l.wer), ...r.models.flatMap((m) => m.fieldAccuracy.map((p) => p.wer))];
  const werMax = niceMax(Math.max(0.05, ...wers) * 1.05, 5);
  const line = (model: string, what: string, points: RobustnessPoint[]): Line => ({
    id: model,
    index: colours.get(model) ?? 0,
    points: points.map((p) => ({
      wer: p.wer,
      accuracy: p.accuracy,
      tip: `${model} · ${what}: ${pct(p.accuracy)} at measured WER ${pct(p.wer)} (${p.level === 0 ? "original transcripts" : `level ${pct(p.level, 0)}`}), n=${p.n}`,
    })),
  });
  const overall = lineChart(
    r.models.map((m) => line(m.model, "field accuracy", m.fieldAccuracy)),
    werMax,
    LARGE,
    "Field accuracy against measured word error rate",
  );
  const fields = fieldOrder(r);
  const multiples = fields.map((field) => {
    const lines = r.models.flatMap((m) => {
      const points = m.fields[field];
      return points ? [line(m.model, field, points)] : [];
    });
    return `<figure><figcaption>${h(field)}</figcaption>${lineChart(lines, werMax, SMALL, `${field}: accuracy against measured word error rate`)}</figure>`;
  });
  const legend = r.models.map((m) => `<li>${swatch(colours.get(m.model) ?? 0)}${h(m.model)}</li>`).join("");
  return `<section id="robustness" aria-labelledby="robustness-h"><h2 id="robustness-h">Robustness to recognition noise</h2>
<p class="lead">Field accuracy on variants of the transcripts with recognition-like errors added (<code>callgrade perturb</code>), plotted against the word error rate each level really has. A flat line shrugs off recognition errors; a steep one needs a better recogniser.</p>
<ul class="legend">${legend}</ul>
<figure>${overall}<figcaption>Mean field accuracy per model; the leftmost points are the original transcripts</figcaption></figure>
${multiples.length ? `<h3>Per field</h3><p class="lead">Fields that lose most first; every chart has the same axes.</p><div class="multiples">${multiples.join("")}</div>` : ""}
${numbers(r, fields)}</section>`;
}

/** Fields by their mean loss over the models, largest first. */
function fieldOrder(r: RobustnessSummary): string[] {
  const losses = new Map<string, number[]>();
  for (const m of r.models)
    for (const [field, points] of fieldsByChange(m.fields)) {
      const change = robustnessChange(points);
      losses.set(field, [...(losses.get(field) ?? []), ...(change === null ? [] : [-change])]);
    }
  const mean = (xs: number[]) =>
    xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NEGATIVE_INFINITY;
  return [...losses.entries()].sort((a, b) => mean(b[1]) - mean(a[1])).map(([field]) => field);
}

function numbers(r: RobustnessSummary, fields: string[]): string {
  const heads = r.levels.map(
    (l) => `<th scope="col">${h(levelHeading(l))}<small>${l.cases} cases</small></th>`,
  );
  const cells = (points: RobustnessPoint[]) =>
    `${r.levels.map((l) => `<td>${pct(pointAt(points, l.level)?.accuracy)}</td>`).join("")}<td>${signedPoints(robustnessChange(points))}</td>`;
  const overall = r.models.map((m) => `<tr><th scope="row">${h(m.model)}</th>${cells(m.fieldAccuracy)}</tr>`);
  const perField = fields.flatMap((field) =>
    r.models.flatMap((m) => {
      const points = m.fields[field];
      return points
        ? [`<tr><th scope="row">${h(field)} <small>${h(m.model)}</small></th>${cells(points)}</tr>`]
        : [];
    }),
  );
  const table = (caption: string, first: string, rows: string[]) =>
    `<table class="num"><caption>${caption}</caption><thead><tr><th scope="col">${first}</th>${heads.join("")}<th scope="col">change (pts)</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
  return `<details class="numbers"><summary>Numbers behind the charts</summary><div class="scroll">${table("Mean field accuracy per level; change = accuracy at the noisiest level − on the original transcripts, in percentage points.", "model", overall)}${perField.length ? table("Per field and model.", "field", perField) : ""}</div></details>`;
}

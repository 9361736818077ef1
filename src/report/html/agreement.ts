// How often models agree: a model × model heat map (value printed in every cell) and agreement per field.
import { grouped, pct } from "../../core/format.js";
import { escapeHtml as h, truncate } from "./escape.js";
import { chart, linear, marker, modelClass, round, xAxis } from "./svg.js";
import type { View } from "./view.js";

const LABEL = 150;
const CELL_H = 46;

/** Fill for an agreement rate: darker is more agreement; the scale starts at `lo` so real differences show. */
export function heatColor(rate: number, lo: number): { fill: string; ink: "light" | "dark" } {
  const t = Math.min(1, Math.max(0, (rate - lo) / (1 - lo || 1)));
  const lightness = Math.round(94 - t * 62);
  return { fill: `hsl(200 65% ${lightness}%)`, ink: lightness < 58 ? "light" : "dark" };
}

export function agreementSection(v: View): string {
  const known = v.data.pairwise.filter((p) => p.rate !== null);
  const perField = Object.entries(v.data.summary.agreement).filter(
    (e): e is [string, { rate: number; n: number }] => e[1].rate !== null,
  );
  if (known.length === 0 && perField.length === 0) return "";
  const lo = Math.min(0.5, Math.floor(Math.min(1, ...known.map((p) => p.rate ?? 1)) * 10) / 10);
  const rows = v.data.pairwise.map(
    (p) =>
      `<tr><th scope="row">${h(p.a)}</th><td class="text">${h(p.b)}</td><td>${pct(p.rate)}</td><td>${grouped(p.n)}</td></tr>`,
  );
  return `<section id="agreement" aria-labelledby="agreement-h"><h2 id="agreement-h">Agreement between models</h2>
<p class="lead">Share of (call, field) values on which two models give the same answer, as the field's matcher compares them. Low agreement is where people should look.</p>
<div class="pair">${known.length ? `<figure>${heatMap(v, lo)}<figcaption>Pairwise agreement over all auto-scored fields</figcaption></figure>` : ""}${perField.length ? `<figure>${fieldBars(perField)}<figcaption>Agreement of all models, per field (lowest first)</figcaption></figure>` : ""}</div>
<details class="numbers"><summary>Numbers behind the charts</summary><div class="scroll"><table class="num"><thead><tr><th scope="col">model</th><th scope="col">with</th><th scope="col">agreement</th><th scope="col">field values</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></details></section>`;
}

function heatMap(v: View, lo: number): string {
  const models = v.models.filter((id) => v.data.pairwise.some((p) => p.a === id || p.b === id));
  const n = models.length;
  const cw = Math.min(100, Math.floor(400 / Math.max(1, n)));
  const top = 34;
  const width = LABEL + n * cw + 10;
  const rate = (a: string, b: string) =>
    v.data.pairwise.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  const chars = Math.max(4, Math.floor(cw / 6.6));
  const heads = models
    .map((id, j) => {
      const cx = LABEL + j * cw + cw / 2;
      return `<g class="${modelClass(v.index(id))}" fill="currentColor">${marker(v.index(id), cx, 8, 4.5)}</g><text class="col-label" x="${round(cx)}" y="${top - 8}" text-anchor="middle">${h(truncate(id, chars))}<title>${h(id)}</title></text>`;
    })
    .join("");
  const cells: string[] = [];
  for (const [i, a] of models.entries()) {
    const y = top + i * CELL_H;
    cells.push(
      `<g class="${modelClass(v.index(a))}" fill="currentColor">${marker(v.index(a), 10, y + CELL_H / 2, 4.5)}</g><text class="row-label" x="22" y="${y + CELL_H / 2 + 4}">${h(truncate(a, 17))}<title>${h(a)}</title></text>`,
    );
    for (const [j, b] of models.entries()) {
      const x = LABEL + j * cw;
      const pair = i === j ? undefined : rate(a, b);
      const r = pair?.rate ?? null;
      const color = r === null ? undefined : heatColor(r, lo);
      const label = i === j ? "—" : r === null ? "n/a" : pct(r, r >= 0.995 && r < 1 ? 1 : 0);
      const tip =
        i === j
          ? `${a} (itself)`
          : `${a} ↔ ${b}: ${r === null ? "no shared values" : `${pct(r)} agree over ${pair?.n ?? 0} field values`}`;
      const cls = i === j ? "cell self" : r === null ? "cell na" : `cell ink-${color?.ink}`;
      cells.push(
        `<g class="${cls}"><rect x="${x + 1}" y="${y + 1}" width="${cw - 2}" height="${CELL_H - 2}" rx="3"${color ? ` fill="${color.fill}"` : ""}/><text x="${round(x + cw / 2)}" y="${y + CELL_H / 2 + 5}" text-anchor="middle">${label}</text><title>${h(tip)}</title></g>`,
      );
    }
  }
  const legendY = top + n * CELL_H + 14;
  const legend = `<defs><linearGradient id="agree-grad">${[0, 0.5, 1].map((t) => `<stop offset="${t}" stop-color="${heatColor(lo + t * (1 - lo), lo).fill}"/>`).join("")}</linearGradient></defs><rect x="${LABEL}" y="${legendY}" width="${n * cw}" height="10" fill="url(#agree-grad)"/><text class="tick" x="${LABEL}" y="${legendY + 24}">${pct(lo, 0)}</text><text class="tick" x="${LABEL + n * cw}" y="${legendY + 24}" text-anchor="end">100% agree</text>`;
  return chart(
    width,
    legendY + 32,
    "Agreement between models (heat map)",
    `${heads}${cells.join("")}${legend}`,
  );
}

function fieldBars(entries: [string, { rate: number; n: number }][]): string {
  const sorted = [...entries].sort((a, b) => a[1].rate - b[1].rate);
  const x = linear([0, 1], [170, 440], 4);
  const top = 6;
  const bars = sorted.map(([field, a], i) => {
    const y = top + i * 22;
    return `<text class="row-label" x="160" y="${y + 15}" text-anchor="end">${h(truncate(field, 22))}<title>${h(field)}</title></text><rect class="bar agree" x="170" y="${y + 5}" width="${round(x(a.rate) - x(0))}" height="13"><title>${h(`${field}: ${pct(a.rate)} of ${a.n} calls agree`)}</title></rect><text class="value" x="${round(x(a.rate) + 6)}" y="${y + 15}">${pct(a.rate, 0)}</text>`;
  });
  const bottom = top + sorted.length * 22 + 4;
  return chart(
    520,
    bottom + 44,
    "Agreement per field",
    `${xAxis(x, top, bottom, (t) => `${Math.round(t * 100)}%`, "calls where all models agree")}${bars.join("")}`,
  );
}

// Latency distribution per model: every call as a dot, a box for the middle half, whiskers to p5 and p95.
import { ms } from "../../core/format.js";
import type { Distribution } from "../../scoring/sorted-stream.js";
import { escapeHtml as h, truncate } from "./escape.js";
import { chart, linear, logScale, marker, modelClass, niceMax, round, type Scale, xAxis } from "./svg.js";
import type { View } from "./view.js";

const W = 1000;
const PLOT = { x0: 190, x1: 860 };
const ROW = 54;
const num = (value: number | null) => value ?? Number.NaN;

export function latencySection(v: View): string {
  // Percentiles of every call and an even sample of dots, computed from the store (html-data.ts).
  const rows = v.models
    .map((id) => ({ id, d: v.data.latencies[id] }))
    .filter((r): r is { id: string; d: Distribution } => r.d !== undefined && r.d.n > 0);
  if (rows.length === 0) return "";
  const min = Math.min(...rows.map((r) => r.d.min ?? 0));
  const max = Math.max(...rows.map((r) => r.d.max ?? 0));
  const useLog = min > 0 && max / min > 20;
  const x: Scale = useLog
    ? logScale([10 ** Math.floor(Math.log10(min)), niceMax(max, 4)], [PLOT.x0, PLOT.x1])
    : linear([0, niceMax(max, 6)], [PLOT.x0, PLOT.x1], 6);
  const top = 8;
  const body = rows.map((r, i) => row(r.id, v.index(r.id), r.d, x, top + i * ROW)).join("");
  const bottom = top + rows.length * ROW;
  const svg = chart(
    W,
    bottom + 46,
    "Latency distribution per model",
    `${xAxis(x, top, bottom, (t) => ms(t), `latency per call, ms${useLog ? " (log scale)" : ""}`)}${body}`,
    "Dots are calls; the box spans the 25th to 75th percentile with a line at the median; whiskers reach the 5th and 95th percentiles.",
  );
  const table = rows.map(({ id, d }) => {
    const cells = [d.min, d.p5, d.p25, d.p50, d.p75, d.p95, d.max].map((q) => `<td>${ms(num(q))}</td>`);
    return `<tr><th scope="row">${h(id)}</th><td>${d.n}</td>${cells.join("")}</tr>`;
  });
  return `<section id="latency" aria-labelledby="latency-h"><h2 id="latency-h">Latency distribution</h2>
<p class="lead">Each dot is one answered call. Box: middle half of calls, line at the median; whiskers: 5th to 95th percentile.</p>
<figure>${svg}</figure>
<details class="numbers"><summary>Numbers behind the chart</summary><div class="scroll"><table class="num"><thead><tr><th scope="col">model</th><th scope="col">calls</th><th scope="col">min</th><th scope="col">p5</th><th scope="col">p25</th><th scope="col">median</th><th scope="col">p75</th><th scope="col">p95</th><th scope="col">max</th></tr></thead><tbody>${table.join("")}</tbody></table></div></details></section>`;
}

function row(id: string, index: number, d: Distribution, x: Scale, y: number): string {
  const cy = y + ROW / 2;
  const [p5, p25, p50, p75, p95] = [d.p5, d.p25, d.p50, d.p75, d.p95].map((q) => x(num(q))) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const dots = d.sample.map((value, j) => {
    // Golden-ratio jitter by the value's rank among all calls: spread evenly, the same on every render.
    const i = j * d.step;
    const jitter = (((i * 0.618034) % 1) - 0.5) * 26;
    return `<circle cx="${round(x(value))}" cy="${round(cy + jitter)}" r="2.2"/>`;
  });
  const box = `<rect class="box" x="${round(p25)}" y="${cy - 11}" width="${round(Math.max(1, p75 - p25))}" height="22"/>`;
  const whiskers = `<path class="whisker" d="M${round(p5)} ${cy}H${round(p25)}M${round(p75)} ${cy}H${round(p95)}M${round(p5)} ${cy - 6}V${cy + 6}M${round(p95)} ${cy - 6}V${cy + 6}"/>`;
  const median = `<path class="median" d="M${round(p50)} ${cy - 11}V${cy + 11}"/>`;
  const tip = `${id}: ${d.n} calls, median ${ms(num(d.p50))}, p95 ${ms(num(d.p95))}`;
  const label = `<g class="${modelClass(index)}" fill="currentColor">${marker(index, 12, cy, 5)}</g><text class="row-label" x="24" y="${cy + 4}">${h(truncate(id, 22))}<title>${h(id)}</title></text>`;
  const stats = `<text class="value" x="${PLOT.x1 + 14}" y="${cy - 2}">p50 ${ms(num(d.p50))}</text><text class="value muted" x="${PLOT.x1 + 14}" y="${cy + 13}">p95 ${ms(num(d.p95))}</text>`;
  return `<g class="latency-row">${label}<g class="${modelClass(index)} dots" fill="currentColor">${dots.join("")}</g>${box}${whiskers}${median}<rect class="hit" x="${PLOT.x0}" y="${y}" width="${PLOT.x1 - PLOT.x0}" height="${ROW}"><title>${h(tip)}</title></rect>${stats}</g>`;
}

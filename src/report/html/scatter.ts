// Cost vs accuracy and latency vs accuracy: one labelled point per model, so trade-offs read at a glance.
import { ms, pct, usd } from "../../core/format.js";
import { escapeHtml as h, truncate } from "./escape.js";
import { chart, linear, marker, modelClass, niceMax, round, type Scale, xAxis, yAxis } from "./svg.js";
import { costPerThousand, type View } from "./view.js";

const W = 520;
const BOX = { left: 74, right: 500, top: 24, bottom: 290 };

interface Point {
  id: string;
  index: number;
  x: number;
  /** Latency: the p95 end of the range drawn from x (p50). */
  x2?: number;
  y: number;
  tip: string;
}

export function tradeoffSection(v: View): string {
  const models = v.data.summary.models;
  const costPoints: Point[] = [];
  const latencyPoints: Point[] = [];
  const missing: string[] = [];
  for (const m of models) {
    const index = v.index(m.id);
    const acc = m.fieldAccuracy;
    const cost = costPerThousand(m);
    if (acc === null) missing.push(`${h(m.id)} (no accuracy: no gold labels)`);
    else if (cost === null) missing.push(`${h(m.id)} from the cost chart (price unknown)`);
    if (acc !== null && cost !== null)
      costPoints.push({
        id: m.id,
        index,
        x: cost,
        y: acc,
        tip: `${m.id}: ${pct(acc)} at ${usd(cost)} per 1,000 calls`,
      });
    const { p50, p95 } = m.latencyMs;
    if (acc !== null && p50 !== null)
      latencyPoints.push({
        id: m.id,
        index,
        x: p50,
        ...(p95 === null ? {} : { x2: p95 }),
        y: acc,
        tip: `${m.id}: ${pct(acc)}, latency p50 ${ms(p50)}, p95 ${ms(p95)}`,
      });
  }
  if (costPoints.length + latencyPoints.length === 0) return "";
  const yDomain = accuracyDomain([...costPoints, ...latencyPoints].map((p) => p.y));
  const costChart = costPoints.length
    ? plot(
        costPoints,
        yDomain,
        (t) => usd(t),
        "USD per 1,000 calls",
        "Cost vs accuracy",
        "↖ cheaper and more accurate",
      )
    : `<p class="note">No model has a known price.</p>`;
  const latencyChart = latencyPoints.length
    ? plot(
        latencyPoints,
        yDomain,
        (t) => ms(t),
        "latency, ms (point p50, line to p95)",
        "Latency vs accuracy",
        "↖ faster and more accurate",
      )
    : "";
  const rows = models.map(
    (m) =>
      `<tr><th scope="row">${h(m.id)}</th><td>${pct(m.fieldAccuracy)}</td><td>${usd(costPerThousand(m))}</td><td>${usd(m.costUsd)}</td><td>${ms(m.latencyMs.p50)}</td><td>${ms(m.latencyMs.p95)}</td></tr>`,
  );
  return `<section id="tradeoffs" aria-labelledby="tradeoffs-h"><h2 id="tradeoffs-h">Cost and latency vs accuracy</h2>
<p class="lead">Mean field accuracy per model against what it costs and how long it takes. Up and to the left is better.</p>
<div class="pair"><figure>${costChart}<figcaption>Cost per 1,000 answered calls</figcaption></figure><figure>${latencyChart}<figcaption>Latency: median (point) to 95th percentile (line end)</figcaption></figure></div>
${missing.length ? `<p class="note">Not plotted: ${missing.join("; ")}.</p>` : ""}
<details class="numbers"><summary>Numbers behind the charts</summary><div class="scroll"><table class="num"><thead><tr><th scope="col">model</th><th scope="col">field accuracy</th><th scope="col">cost / 1k calls</th><th scope="col">total cost</th><th scope="col">latency p50</th><th scope="col">p95</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></details></section>`;
}

/** A y range that shows differences between models without hiding where 100% is. */
export function accuracyDomain(values: number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  let bottom = Math.max(0, Math.floor((lo - 0.03) * 20) / 20);
  const top = Math.min(1, Math.ceil((hi + 0.02) * 20) / 20);
  if (top - bottom < 0.1) bottom = Math.max(0, top - 0.1);
  return [bottom, top];
}

function plot(
  points: Point[],
  yDomain: [number, number],
  format: (v: number) => string,
  xLabel: string,
  title: string,
  hint: string,
): string {
  const xHi = niceMax(Math.max(...points.map((p) => p.x2 ?? p.x)) * 1.08, 4);
  const x = linear([0, xHi], [BOX.left, BOX.right], 4);
  const y = linear(yDomain, [BOX.bottom, BOX.top], 5);
  const axes = `${xAxis(x, BOX.top, BOX.bottom, format, xLabel)}${yAxis(y, BOX.left, BOX.right, (t) => `${Math.round(t * 100)}%`, "field accuracy")}`;
  const frame = `<rect class="frame" x="${BOX.left}" y="${BOX.top}" width="${BOX.right - BOX.left}" height="${BOX.bottom - BOX.top}"/>`;
  const hintText = `<text class="hint" x="${BOX.left}" y="${BOX.top - 9}">${hint}</text>`;
  const marks = points.map((p) => mark(p, x, y)).join("");
  return chart(W, BOX.bottom + 48, title, `${frame}${axes}${hintText}${marks}${labels(points, x, y)}`);
}

function mark(p: Point, x: Scale, y: Scale): string {
  const [px, py] = [x(p.x), y(p.y)];
  const range =
    p.x2 === undefined
      ? ""
      : `<path class="range" d="M${round(px)} ${round(py)}H${round(x(p.x2))}M${round(x(p.x2))} ${round(py - 5)}V${round(py + 5)}"/>`;
  return `<g class="${modelClass(p.index)} point" fill="currentColor">${range}${marker(p.index, px, py, 6)}<title>${h(p.tip)}</title></g>`;
}

/** Labels beside their points, nudged up or down until they no longer overlap one another. */
function labels(points: Point[], x: Scale, y: Scale): string {
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const out: string[] = [];
  for (const p of [...points].sort((a, b) => b.y - a.y)) {
    const text = truncate(p.id, 24);
    const width = [...text].length * 7;
    const px = x(p.x);
    const left = px + 10 + width > BOX.right;
    const x0 = left ? px - 10 - width : px + 10;
    let ly = y(p.y) + 4 + (p.x2 === undefined ? 0 : -12);
    // A latency range runs right of its point along the same line, so its label starts above it.
    const offsets = p.x2 === undefined ? [0, 14, -14, 28, -28, 42, -42] : [-12, 16, -26, 30, -40, 44];
    for (const offset of offsets) {
      const candidate = y(p.y) + 4 + offset;
      const box = { x0, x1: x0 + width, y0: candidate - 11, y1: candidate + 2 };
      if (!placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) {
        ly = candidate;
        placed.push(box);
        break;
      }
    }
    out.push(
      `<text class="point-label" x="${round(left ? px - 10 : px + 10)}" y="${round(ly)}" text-anchor="${left ? "end" : "start"}">${h(text)}</text>`,
    );
  }
  return out.join("");
}

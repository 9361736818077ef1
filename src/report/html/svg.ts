// Hand-written SVG pieces the charts share: scales, ticks, axes, and each model's colour and marker shape.
import { escapeHtml } from "./escape.js";

export interface Scale {
  (value: number): number;
  ticks: number[];
}

/** Round numbers (1, 2, 5 × 10^k) covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(round(t));
  return ticks;
}

/** `hi` rounded up to the next tick, so an axis ends on a labelled value. */
export function niceMax(hi: number, count = 5): number {
  if (!(hi > 0)) return 1;
  const ticks = niceTicks(0, hi, count);
  const last = ticks.at(-1) ?? hi;
  return last >= hi ? last : last + (ticks[1] ?? hi);
}

export function linear(domain: [number, number], range: [number, number], count = 5): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const scale = ((value: number) => r0 + ((value - d0) / (d1 - d0 || 1)) * (r1 - r0)) as Scale;
  scale.ticks = niceTicks(d0, d1, count);
  return scale;
}

/** Log scale for long-tailed values (latency); ticks at 1, 2, 5 × 10^k. */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  const [l0, l1] = [Math.log10(domain[0]), Math.log10(domain[1])];
  const [r0, r1] = range;
  const scale = ((value: number) =>
    r0 + ((Math.log10(Math.max(value, domain[0])) - l0) / (l1 - l0 || 1)) * (r1 - r0)) as Scale;
  const ticks: number[] = [];
  for (let p = Math.floor(l0); p <= Math.ceil(l1); p++)
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** p;
      if (t >= domain[0] && t <= domain[1]) ticks.push(t);
    }
  scale.ticks = ticks;
  return scale;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Vertical grid lines with tick labels under them; `label` names the axis and its unit. */
export function xAxis(
  scale: Scale,
  top: number,
  bottom: number,
  format: (v: number) => string,
  label: string,
): string {
  const ticks = scale.ticks.map((t) => {
    const x = round(scale(t));
    return `<line class="grid" x1="${x}" x2="${x}" y1="${top}" y2="${bottom}"/><text class="tick" x="${x}" y="${bottom + 16}" text-anchor="middle">${escapeHtml(format(t))}</text>`;
  });
  const [first, last] = [scale.ticks[0] ?? 0, scale.ticks.at(-1) ?? 0];
  const mid = round((scale(first) + scale(last)) / 2);
  return `<g class="axis">${ticks.join("")}<text class="axis-label" x="${mid}" y="${bottom + 36}" text-anchor="middle">${escapeHtml(label)}</text></g>`;
}

/** Horizontal grid lines with tick labels left of them; the label is written vertically. */
export function yAxis(
  scale: Scale,
  left: number,
  right: number,
  format: (v: number) => string,
  label: string,
) {
  const ticks = scale.ticks.map((t) => {
    const y = round(scale(t));
    return `<line class="grid" x1="${left}" x2="${right}" y1="${y}" y2="${y}"/><text class="tick" x="${left - 6}" y="${y + 4}" text-anchor="end">${escapeHtml(format(t))}</text>`;
  });
  const [first, last] = [scale.ticks[0] ?? 0, scale.ticks.at(-1) ?? 0];
  const mid = round((scale(first) + scale(last)) / 2);
  return `<g class="axis">${ticks.join("")}<text class="axis-label" transform="translate(${left - 50} ${mid}) rotate(-90)" text-anchor="middle">${escapeHtml(label)}</text></g>`;
}

/** A model's colour class; colours come from the stylesheet so dark mode can change them. */
export function modelClass(index: number): string {
  return `m${index % 8}`;
}

/** A marker whose shape also tells models apart, so colour is never the only signal. */
export function marker(index: number, x: number, y: number, r = 6): string {
  const [cx, cy] = [round(x), round(y)];
  const shape = index % 6;
  if (shape === 0) return `<circle cx="${cx}" cy="${cy}" r="${r}"/>`;
  if (shape === 1)
    return `<rect x="${round(cx - r * 0.9)}" y="${round(cy - r * 0.9)}" width="${round(r * 1.8)}" height="${round(r * 1.8)}"/>`;
  if (shape === 2)
    return `<path d="M${cx} ${round(cy - r * 1.15)}L${round(cx + r * 1.1)} ${round(cy + r * 0.8)}H${round(cx - r * 1.1)}Z"/>`;
  if (shape === 3)
    return `<path d="M${cx} ${round(cy - r * 1.25)}L${round(cx + r * 1.25)} ${cy}L${cx} ${round(cy + r * 1.25)}L${round(cx - r * 1.25)} ${cy}Z"/>`;
  if (shape === 4)
    return `<path d="M${round(cx - r)} ${round(cy - r * 0.35)}H${round(cx + r)}V${round(cy + r * 0.35)}H${round(cx - r)}Z M${round(cx - r * 0.35)} ${round(cy - r)}H${round(cx + r * 0.35)}V${round(cy + r)}H${round(cx - r * 0.35)}Z"/>`;
  return `<path d="M${round(cx - r)} ${round(cy - r * 0.8)}H${round(cx + r)}L${cx} ${round(cy + r * 1.15)}Z"/>`;
}

/** A small inline swatch (marker in the model's colour) to put before a model id in text. */
export function swatch(index: number): string {
  let drawn = SWATCHES.get(index);
  if (drawn === undefined) {
    drawn = `<svg class="swatch ${modelClass(index)}" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" fill="currentColor">${marker(index, 8, 8, 5)}</svg>`;
    SWATCHES.set(index, drawn);
  }
  return drawn;
}

/** Each model's swatch, drawn once: a report lists thousands of values beside one. */
const SWATCHES = new Map<number, string>();

/** An <svg> chart: scales to its container, described for screen readers. */
export function chart(width: number, height: number, title: string, body: string, desc = ""): string {
  const d = desc ? `<desc>${escapeHtml(desc)}</desc>` : "";
  return `<svg class="chart" viewBox="0 0 ${width} ${round(height)}" style="max-width:${width}px" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>${d}${body}</svg>`;
}

// Accuracy (y, always 0–100%) against measured word error rate (x): one line per model, a marker per point.
import { pct } from "../../core/format.js";
import { escapeHtml as h } from "./escape.js";
import { chart, linear, marker, modelClass, round, type Scale, xAxis, yAxis } from "./svg.js";

export interface LinePoint {
  wer: number;
  accuracy: number | null;
  tip: string;
}

export interface Line {
  id: string;
  /** The model's colour and marker. */
  index: number;
  points: LinePoint[];
}

export interface LineChartSize {
  width: number;
  box: { left: number; right: number; top: number; bottom: number };
  /** Marker radius. */
  r: number;
  /** About how many ticks each axis gets. */
  ticks: { x: number; y: number };
}

export const LARGE: LineChartSize = {
  width: 760,
  box: { left: 74, right: 740, top: 16, bottom: 330 },
  r: 5.5,
  ticks: { x: 6, y: 5 },
};
export const SMALL: LineChartSize = {
  width: 340,
  box: { left: 60, right: 326, top: 10, bottom: 190 },
  r: 3.5,
  ticks: { x: 4, y: 4 },
};

/** `werMax` is shared by a chart and its small multiples, so a slope means the same in every one of them. */
export function lineChart(lines: Line[], werMax: number, size: LineChartSize, title: string): string {
  const { box } = size;
  const x = linear([0, werMax], [box.left, box.right], size.ticks.x);
  const y = linear([0, 1], [box.bottom, box.top], size.ticks.y);
  const axes = `${xAxis(x, box.top, box.bottom, (t) => pct(t, 0), "measured word error rate")}${yAxis(y, box.left, box.right, (t) => `${Math.round(t * 100)}%`, "accuracy")}`;
  const frame = `<rect class="frame" x="${box.left}" y="${box.top}" width="${box.right - box.left}" height="${box.bottom - box.top}"/>`;
  const series = lines.map((line) => draw(line, x, y, size.r)).join("");
  return chart(size.width, box.bottom + 46, title, `${frame}${axes}${series}`);
}

/** A gap in the data (no accuracy at a level) breaks the line instead of bridging it. */
function draw(line: Line, x: Scale, y: Scale, r: number): string {
  let d = "";
  let pen = "M";
  const marks: string[] = [];
  for (const p of line.points) {
    if (p.accuracy === null) {
      pen = "M";
      continue;
    }
    const [px, py] = [round(x(p.wer)), round(y(p.accuracy))];
    d += `${pen}${px} ${py}`;
    pen = "L";
    marks.push(
      `<g class="point" fill="currentColor">${marker(line.index, px, py, r)}<title>${h(p.tip)}</title></g>`,
    );
  }
  return `<g class="${modelClass(line.index)} series"><path class="line" d="${d}"/>${marks.join("")}</g>`;
}

// One recogniser × model: per field a bar for accuracy on reference transcripts, one on recognised, the gap marked.
import { pct, signedPoints } from "../../core/format.js";
import type { PenaltyField, RecognitionPenalty } from "../../core/summary.js";
import { escapeHtml as h, truncate } from "./escape.js";
import { chart, linear, modelClass, round, type Scale, swatch, xAxis } from "./svg.js";
import type { View } from "./view.js";

const W = 1000;
const PLOT = { x0: 200, x1: 840 };
const BAR = 11;
/** Two bars and the space between them. */
const PAIR = BAR * 2 + 3;
const GAP = 14;
/** Room a gap label needs, on the shorter bar or inside the gap. */
const LABEL_ROOM = 110;

export function penaltyFigure(v: View, pair: RecognitionPenalty): string {
  // The recognised run is a model of its own in the report; its bars take its colour there.
  const ref = v.index(pair.model);
  const rec = v.models.includes(pair.variant) ? v.index(pair.variant) : ref;
  const x = linear([0, 1], [PLOT.x0, PLOT.x1], 5);
  const top = 6;
  const groups = pair.fields.map((f, i) => {
    const y = top + GAP / 2 + i * (PAIR + GAP);
    const band =
      i % 2 === 0 ? `<rect class="band" x="0" y="${y - GAP / 2}" width="${W}" height="${PAIR + GAP}"/>` : "";
    const label = `<text class="field-label" x="${PLOT.x0 - 12}" y="${round(y + PAIR / 2 + 4)}" text-anchor="end">${h(truncate(f.field, 26))}<title>${h(f.field)}</title></text>`;
    return `<g class="penalty-field">${band}${label}${bar(x, y, ref, pair.model, f, "reference")}${bar(x, y + BAR + 3, rec, pair.variant, f, "recognised")}${gap(x, y, pair, f)}</g>`;
  });
  const bottom = top + pair.fields.length * (PAIR + GAP);
  const title = `${pair.model} on ${pair.recogniser} transcripts`;
  const svg = chart(
    W,
    bottom + 44,
    `Field accuracy of ${title}: reference vs recognised`,
    `${xAxis(x, top, bottom, (t) => `${Math.round(t * 100)}%`, "field accuracy against gold")}${groups.join("")}`,
    "Per field, the upper bar is accuracy on the reference transcripts and the lower bar accuracy on the recognised ones; the marked gap between their ends is the penalty.",
  );
  const a = pair.fieldAccuracy;
  const legend = `<ul class="legend"><li>${swatch(ref)}${h(pair.model)}: reference transcripts</li><li>${swatch(rec)}${h(pair.variant)}: recognised</li><li><span class="key gap-key" aria-hidden="true"></span>penalty (accuracy lost)</li></ul>`;
  return `<article class="penalty"><h4><code>${h(pair.model)}</code> on <code>${h(pair.recogniser)}</code> transcripts</h4>
<p class="small">Field accuracy ${pct(a.reference)} → ${pct(a.recognised)}, penalty <strong>${signedPoints(a.penalty)} pts</strong> over ${a.n} cases.</p>
${legend}<figure>${svg}</figure>
${numbers(pair)}</article>`;
}

function bar(
  x: Scale,
  y: number,
  index: number,
  id: string,
  f: PenaltyField,
  kind: "reference" | "recognised",
): string {
  const accuracy = f[kind];
  if (accuracy === null)
    return `<text class="note" x="${PLOT.x0 + 4}" y="${y + BAR - 1}">no ${kind} accuracy<title>${h(`${id} · ${f.field}: no accuracy on ${kind} transcripts`)}</title></text>`;
  const tip = `${id} · ${f.field} on ${kind} transcripts: ${pct(accuracy)}, n=${f.n}`;
  return `<g class="${modelClass(index)}"><rect class="bar" x="${PLOT.x0}" y="${y}" width="${round(x(accuracy) - x(0))}" height="${BAR}" fill="currentColor"><title>${h(tip)}</title></rect><text class="value" x="${PLOT.x1 + 12}" y="${y + BAR - 1}">${pct(accuracy)}</text></g>`;
}

/** The stretch between the two bars' ends, on the shorter bar's row, labelled with the penalty. */
function gap(x: Scale, y: number, pair: RecognitionPenalty, f: PenaltyField): string {
  if (f.reference === null || f.recognised === null || f.penalty === null || f.penalty === 0) return "";
  const lost = f.penalty > 0;
  const row = lost ? y + BAR + 3 : y;
  const [from, to] = [x(Math.min(f.reference, f.recognised)), x(Math.max(f.reference, f.recognised))];
  const text = `${signedPoints(f.penalty)} pts`;
  const tip = `${pair.model} · ${f.field}: penalty ${text} (reference ${pct(f.reference)} − recognised ${pct(f.recognised)}), n=${f.n}`;
  // Left of the gap, on the shorter bar, when that bar has room; else inside a wide gap; else right of it
  // (right of a gap that ends at 100% would run into the accuracy printed there).
  const [at, anchor] =
    from - PLOT.x0 >= LABEL_ROOM
      ? [from - 5, "end"]
      : to - from >= LABEL_ROOM
        ? [to - 5, "end"]
        : [to + 5, "start"];
  const label = `<text class="gap-label${lost ? "" : " gain"}" x="${round(at)}" y="${row + BAR - 1}" text-anchor="${anchor}">${text}</text>`;
  return `<g class="gap${lost ? "" : " gain"}"><rect x="${round(from)}" y="${row}" width="${round(Math.max(1, to - from))}" height="${BAR}"><title>${h(tip)}</title></rect>${label}</g>`;
}

function numbers(pair: RecognitionPenalty): string {
  const rows = pair.fields.map(
    (f) =>
      `<tr><th scope="row">${h(f.field)}</th><td>${pct(f.reference)}</td><td>${pct(f.recognised)}</td><td>${signedPoints(f.penalty)}</td><td>${f.n}</td></tr>`,
  );
  return `<details class="numbers"><summary>Numbers behind the chart</summary><div class="scroll"><table class="num">
<caption>Penalty = accuracy on reference − accuracy on recognised, in percentage points; n = cases scored on both.</caption>
<thead><tr><th scope="col">field</th><th scope="col">on reference</th><th scope="col">on recognised</th><th scope="col">penalty (pts)</th><th scope="col">n</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></details>`;
}

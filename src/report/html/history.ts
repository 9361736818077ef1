// "History": each model's mean field accuracy across the suite's runs, oldest to newest, this run marked, and
// a table of the same runs with what changed (prompt, knowledge base, schema) since the run before each.
import { pct } from "../../core/format.js";
import type { HistoryRun } from "../../summary/history.js";
import { escapeHtml as h } from "./escape.js";
import { chart, linear, marker, modelClass, round, type Scale, swatch, xAxis, yAxis } from "./svg.js";
import { type View, when } from "./view.js";

const W = 760;
const BOX = { left: 74, right: 730, top: 28, bottom: 300 };
const MAX_LABELS = 8;
const HASHES = [
  ["prompt", "prompt"],
  ["knowledgeBase", "knowledge base"],
  ["schema", "schema"],
] as const;

export function historySection(v: View): string {
  const runs = v.data.history ?? [];
  if (runs.length < 2) return "";
  const ids = [...new Set(runs.flatMap((run) => run.models.map((m) => m.id)))];
  const colours = historyColours(v, ids);
  const legend = ids.map((id) => `<li>${swatch(colours.get(id) ?? 0)}${h(id)}</li>`).join("");
  return `<section id="history" aria-labelledby="history-h"><h2 id="history-h">History</h2>
<p class="lead">Mean field accuracy of each model in the last ${runs.length} runs of this suite, oldest on the left; the dashed line marks this run (the axis starts at ${pct(floorOf(runs), 0)}). A gap is a run without a figure for the model (not in it, never scored, or still running).</p>
<ul class="legend">${legend}</ul>
<figure>${historyChart(runs, ids, colours)}</figure>
${historyTable(runs, ids, colours)}</section>`;
}

/**
 * A model of this run keeps its colour; one only in earlier runs takes a colour (and marker) no other line of
 * the chart has, so it is never drawn like a model beside it.
 */
function historyColours(v: View, ids: string[]): Map<string, number> {
  const colours = new Map(ids.filter((id) => v.models.includes(id)).map((id) => [id, v.index(id)]));
  const taken = new Set([...colours.values()].map((i) => i % 8));
  let next = 0;
  for (const id of ids) {
    if (colours.has(id)) continue;
    while (taken.has(next % 8) && next < taken.size + 8) next++;
    colours.set(id, next);
    taken.add(next % 8);
  }
  return colours;
}

/** The y axis starts at the tenth below the lowest figure: changes of a few points stay visible. */
function floorOf(runs: HistoryRun[]): number {
  const figures = runs.flatMap((run) =>
    run.models.flatMap((m) => (m.fieldAccuracy === null ? [] : [m.fieldAccuracy])),
  );
  const lowest = Math.min(1, ...figures);
  return Math.max(0, Math.floor((lowest - 0.02) * 10) / 10);
}

function historyChart(runs: HistoryRun[], ids: string[], colours: Map<string, number>): string {
  const x = linear([-0.5, runs.length - 0.5], [BOX.left, BOX.right]);
  // At most MAX_LABELS dates, evenly spaced, always including this run (the last).
  const step = Math.ceil(runs.length / MAX_LABELS);
  x.ticks = runs.map((_, i) => i).filter((i) => (runs.length - 1 - i) % step === 0);
  const y = linear([floorOf(runs), 1], [BOX.bottom, BOX.top], 5);
  const label = (i: number) => {
    const at = runs[i]?.createdAt ?? "";
    return when(at).slice(5, 16);
  };
  const axes = `${xAxis(x, BOX.top, BOX.bottom, label, "run (date, UTC)")}${yAxis(y, BOX.left, BOX.right, (t) => `${Math.round(t * 100)}%`, "field accuracy")}`;
  const frame = `<rect class="frame" x="${BOX.left}" y="${BOX.top}" width="${BOX.right - BOX.left}" height="${BOX.bottom - BOX.top}"/>`;
  const nowX = round(x(runs.length - 1));
  const now = `<g class="now"><line x1="${nowX}" x2="${nowX}" y1="${BOX.top - 10}" y2="${BOX.bottom}"/><text x="${nowX}" y="${BOX.top - 14}" text-anchor="middle">this run</text></g>`;
  const series = ids.map((id) => line(id, colours.get(id) ?? 0, runs, x, y)).join("");
  return chart(
    W,
    BOX.bottom + 46,
    "Mean field accuracy per model across the suite's runs",
    `${frame}${axes}${now}${series}`,
    "One line per model: its mean field accuracy in each run of the suite, oldest run on the left, this run on the right.",
  );
}

/** A run without a figure for the model breaks its line instead of bridging it. */
function line(id: string, index: number, runs: HistoryRun[], x: Scale, y: Scale): string {
  let d = "";
  let pen = "M";
  const marks: string[] = [];
  for (const [i, run] of runs.entries()) {
    const accuracy = run.models.find((m) => m.id === id)?.fieldAccuracy ?? null;
    if (accuracy === null) {
      pen = "M";
      continue;
    }
    const [px, py] = [round(x(i)), round(y(accuracy))];
    d += `${pen}${px} ${py}`;
    pen = "L";
    const tip = `${id} · run ${run.runId} (${when(run.createdAt)}${i === runs.length - 1 ? ", this run" : ""}): field accuracy ${pct(accuracy)}`;
    marks.push(
      `<g class="point" fill="currentColor">${marker(index, px, py, 4.5)}<title>${h(tip)}</title></g>`,
    );
  }
  return `<g class="${modelClass(index)} series"><path class="line" d="${d}"/>${marks.join("")}</g>`;
}

/** Newest first, like `callgrade runs`. */
function historyTable(runs: HistoryRun[], ids: string[], colours: Map<string, number>): string {
  const rows = runs.map((run, i) => {
    const previous = runs[i - 1];
    const changed = previous
      ? HASHES.filter(([key]) => previous.hashes[key] !== run.hashes[key]).map(([, name]) => name)
      : [];
    const hashes = HASHES.map(([key, name]) => `${name} ${run.hashes[key]}`).join("\n");
    const current = i === runs.length - 1;
    const cells = ids.map((id) => {
      const model = run.models.find((m) => m.id === id);
      return `<td>${model ? pct(model.fieldAccuracy) : ""}</td>`;
    });
    const status = `${run.status}${run.scoring === "stale" ? " <small>scores older than its calls or grades</small>" : ""}`;
    return `<tr${current ? ' class="current"' : ""}><th scope="row"><code>${h(run.runId)}</code>${current ? ' <span class="badge-now">this run</span>' : ""}</th><td class="text date">${h(when(run.createdAt))}</td><td class="text" title="${h(hashes)}">${previous ? (changed.length ? `<strong>${changed.join(", ")}</strong>` : "nothing") : "—"}</td>${cells.join("")}<td class="text">${status}</td></tr>`;
  });
  const heads = ids.map((id) => `<th scope="col">${swatch(colours.get(id) ?? 0)}${h(id)}</th>`).join("");
  return `<div class="scroll"><table class="num history"><caption>Newest first. Changed: the prompt, knowledge base or schema hashes that differ from the run before it (hover for the hashes). Model columns: mean field accuracy; — when the run has no figure, blank when the model was not in it.</caption>
<thead><tr><th scope="col">run</th><th scope="col">date</th><th scope="col">changed</th>${heads}<th scope="col">status</th></tr></thead>
<tbody>${[...rows].reverse().join("")}</tbody></table></div>`;
}

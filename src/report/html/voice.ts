// "Voice stage": each recogniser's word and character error rates split into S/D/I, what each costs the models,
// and its worst calls' transcripts aligned against the reference.
import { grouped, ms, pct } from "../../core/format.js";
import type { AlignmentCounts, AsrSummary, RecogniserSummary } from "../../core/summary.js";
import { penaltiesInOrder, sdi } from "../voice-facts.js";
import { alignmentsBlock } from "./alignment.js";
import { escapeHtml as h, truncate } from "./escape.js";
import { penaltyFigure } from "./penalty.js";
import { chart, linear, niceMax, round, type Scale, xAxis } from "./svg.js";
import type { View } from "./view.js";

const W = 1000;
const PLOT = { x0: 200, x1: 840 };
const ROW = 46;
const KINDS = [
  ["sub", "substitutions"],
  ["del", "deletions"],
  ["ins", "insertions"],
] as const;

export function voiceSection(v: View): string {
  const asr = v.data.summary.asr;
  if (!asr) return "";
  const pairs = penaltiesInOrder(asr.penalty);
  const penalty = pairs.length
    ? `<h3>Recognition penalty</h3>
<p class="lead">Field accuracy of each model on the reference transcripts and on the recogniser's, over the cases scored on both; the gap is the penalty (reference − recognised, in percentage points). Fields most hurt first.</p>
${pairs.map((pair) => penaltyFigure(v, pair)).join("\n")}`
    : "";
  return `<section id="voice" aria-labelledby="voice-h"><h2 id="voice-h">Voice stage</h2>
<p class="lead">Speech recognisers' transcripts against the reference transcripts, both normalised (${h(asr.normalisation)}). Corpus rates: errors summed over calls, divided by the reference's words or characters.</p>
${
  asr.recognisers.length
    ? `<ul class="legend">${KINDS.map(([kind, name]) => `<li><span class="key sdi-${kind}-key" aria-hidden="true"></span>${name}</li>`).join("")}</ul>
<figure>${errorChart(asr.recognisers)}</figure>
${recogniserTable(asr)}`
    : ""
}
${penalty}${alignmentsBlock(v.data.alignments)}</section>`;
}

/** Per recogniser a WER bar and a thinner CER bar, each split into substitutions, deletions and insertions. */
function errorChart(recognisers: RecogniserSummary[]): string {
  const rates = recognisers.flatMap((r) => [r.wer ?? 0, r.cer ?? 0]);
  const x = linear([0, niceMax(Math.max(0.05, ...rates) * 1.05, 5)], [PLOT.x0, PLOT.x1], 5);
  const top = 6;
  const rows = recognisers.map((r, i) => {
    const y = top + i * ROW;
    const label = `<text class="field-label" x="${PLOT.x0 - 12}" y="${y + 20}" text-anchor="end">${h(truncate(r.id, 26))}<title>${h(`${r.id} (${r.provider})`)}</title></text>`;
    const wer = stacked(x, y + 6, 16, r.id, "WER", "words", r.words, r.wer);
    const cer = stacked(x, y + 26, 9, r.id, "CER", "characters", r.chars, r.cer);
    const values = `<text class="value" x="${PLOT.x1 + 12}" y="${y + 18}">WER ${pct(r.wer)}</text><text class="value muted" x="${PLOT.x1 + 12}" y="${y + 34}">CER ${pct(r.cer)}</text>`;
    return `${i % 2 === 0 ? `<rect class="band" x="0" y="${y}" width="${W}" height="${ROW}"/>` : ""}${label}${wer}${cer}${values}`;
  });
  const bottom = top + recognisers.length * ROW;
  return chart(
    W,
    bottom + 44,
    "Word and character error rate per speech recogniser",
    `${xAxis(x, top, bottom, (t) => pct(t, 0), "error rate (thick bar: words, thin bar: characters)")}${rows.join("")}`,
    "One row per recogniser: the thick bar is its word error rate, the thin bar its character error rate, each split into substitutions, deletions and insertions.",
  );
}

function stacked(
  x: Scale,
  y: number,
  height: number,
  id: string,
  rate: string,
  unit: string,
  counts: AlignmentCounts,
  total: number | null,
): string {
  if (total === null || counts.ref === 0)
    return `<text class="note" x="${PLOT.x0 + 4}" y="${y + height - 2}">no ${rate}<title>${h(`${id}: no ${unit} to compare`)}</title></text>`;
  let at = 0;
  const parts = KINDS.map(([kind, name]) => {
    const share = counts[kind] / counts.ref;
    const x0 = x(at);
    at += share;
    const tip = `${id} ${rate} ${pct(total)}: ${counts[kind]} ${name} of ${counts.ref} reference ${unit} (${pct(share)})`;
    return `<rect class="sdi-${kind}" x="${round(x0)}" y="${y}" width="${round(x(at) - x0)}" height="${height}"><title>${h(tip)}</title></rect>`;
  });
  return `<g class="sdi">${parts.join("")}</g>`;
}

function recogniserTable(asr: AsrSummary): string {
  const counts = (c: AlignmentCounts) => `${sdi(c)} <small>of ${grouped(c.ref)}</small>`;
  const rows = asr.recognisers.map((r) => {
    const kinds = Object.entries(r.errorsByKind).map(([kind, n]) => `${n} ${kind}`);
    return `<tr><th scope="row">${h(r.id)}<small>${h(r.provider)}${r.cachedCalls ? ` · ${r.cachedCalls} from cache` : ""}</small></th><td>${pct(r.wer)}</td><td>${counts(r.words)}</td><td>${pct(r.cer)}</td><td>${counts(r.chars)}</td><td>${pct(r.perCallWer.p50)} <small>p95 ${pct(r.perCallWer.p95)}</small></td><td>${r.calls}</td><td${r.errors ? ` class="bad" title="${h(kinds.join(", "))}"` : ""}>${r.errors}${r.errors ? ` <span class="sr">(${h(kinds.join(", "))})</span>` : ""}</td><td>${ms(r.latencyMs.p50)} <small>p95 ${ms(r.latencyMs.p95)}</small></td></tr>`;
  });
  return `<div class="scroll"><table class="num">
<caption>S, D, I: substitutions, deletions and insertions summed over calls; a rate is their sum over the reference's words (characters).</caption>
<thead><tr><th scope="col">recogniser</th><th scope="col">WER</th><th scope="col">words</th><th scope="col">CER</th><th scope="col">characters</th><th scope="col">WER per call<small>median</small></th><th scope="col">calls</th><th scope="col">errors</th><th scope="col">latency<small>median</small></th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

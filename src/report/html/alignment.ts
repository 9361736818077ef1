// The voice stage's aligned transcripts: per recogniser its worst calls, the reference and the recognised text
// merged into one sequence where substitutions, deletions and insertions are marked by element, not colour only.

import type { AlignedPair } from "../../asr/align.js";
import { grouped, pct } from "../../core/format.js";
import type { AlignedCall, RecogniserAlignments } from "../../summary/alignments.js";
import { escapeHtml as h } from "./escape.js";
import { count } from "./view.js";

/** Calls drawn open; the rest are one click away. */
const OPEN = 3;

export function alignmentsBlock(alignments: RecogniserAlignments[] | undefined): string {
  if (!alignments || alignments.length === 0) return "";
  return `
<h3 id="aligned">Recognised transcripts, worst calls first</h3>
<p class="lead">Each call's recognised transcript aligned against the reference after normalisation (Japanese character by character), as its error rate was counted.</p>
<ul class="legend align-legend" aria-label="how the alignment is marked"><li><span class="aligned"><span class="a-ok">word</span></span> recognised right</li><li><span class="aligned">${sub("said", "heard")}</span> substitution (reference → recognised)</li><li><span class="aligned">${del("said")}</span> deletion (in the reference, not recognised)</li><li><span class="aligned">${ins("heard")}</span> insertion (recognised, not in the reference)</li></ul>
${alignments.map(recogniserBlock).join("\n")}`;
}

function recogniserBlock(r: RecogniserAlignments): string {
  const notes = [
    r.notShown > 0 ? `${count(r.notShown, "more call")} with errors not shown` : "",
    r.perfect > 0 ? `${count(r.perfect, "call")} recognised without an error` : "",
  ].filter(Boolean);
  const calls = r.calls.map((call, i) => callBlock(r.recogniser, call, i < OPEN)).join("");
  return `<article class="aligned-list"><h4><code>${h(r.recogniser)}</code></h4>
${calls ? `<ol class="aligned-calls">${calls}</ol>` : '<p class="note">No recognised call with an error.</p>'}
${notes.length ? `<p class="note">${notes.join("; ")}.</p>` : ""}</article>`;
}

function callBlock(recogniser: string, call: AlignedCall, open: boolean): string {
  const { sub: s, del: d, ins: i, ref } = call.counts;
  const unit = call.lang === "ja" ? "character" : "word";
  const rate = call.lang === "ja" ? "CER" : "WER";
  const summary = `<code>${h(call.caseId)}</code> <span class="rate">${rate} ${pct(call.wer)}</span> <small>S ${s} · D ${d} · I ${i} of ${count(ref, unit)}</small>`;
  const body = call.pairs
    ? `<p class="aligned" lang="${call.lang}" aria-label="${h(`${recogniser} on ${call.caseId}`)}">${tokens(call.pairs, call.lang === "ja" ? "" : " ")}</p>`
    : `<p class="note">Too long to align here (${grouped(ref)} reference ${unit}s).</p>`;
  return `<li><details${open ? " open" : ""}><summary>${summary}</summary>${body}</details></li>`;
}

function tokens(pairs: AlignedPair[], gap: string): string {
  return pairs
    .map((pair) => {
      if (pair.op === "sub") return sub(pair.ref ?? "", pair.hyp ?? "");
      if (pair.op === "del") return del(pair.ref ?? "");
      if (pair.op === "ins") return ins(pair.hyp ?? "");
      return `<span class="a-ok">${h(pair.ref ?? "")}</span>`;
    })
    .join(gap);
}

// Each mark says what it is in text too (title for the mouse, a hidden word for screen readers).
function sub(ref: string, hyp: string): string {
  return `<span class="a-sub" title="${h(`substitution: “${ref}” recognised as “${hyp}”`)}"><del><span class="sr">substituted </span>${h(ref)}</del><span class="arrow" aria-hidden="true">→</span><ins><span class="sr"> by </span>${h(hyp)}</ins></span>`;
}

function del(ref: string): string {
  return `<del class="a-del" title="${h(`deletion: “${ref}” not recognised`)}"><span class="sr">deleted </span>${h(ref)}</del>`;
}

function ins(hyp: string): string {
  return `<ins class="a-ins" title="${h(`insertion: “${hyp}” not in the reference`)}"><span class="sr">inserted </span>${h(hyp)}</ins>`;
}

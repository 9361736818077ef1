// The searchable table of disagreements: one row per (call, field), expandable to the transcript and every value.
import { byCodePoint } from "../../core/format.js";
import type { Turn } from "../../core/types.js";
import type { Disagreement } from "../../summary/report-data-types.js";
import { escapeHtml as h, invalidIssues, truncate, valueBlock, valueText } from "./escape.js";
import { swatch } from "./svg.js";
import { count, type View } from "./view.js";

const REASONS: Record<Disagreement["reason"], string> = {
  disagreement: "models disagree",
  invalid: "invalid output",
  "free-text": "free text",
  "wrong-vs-gold": "wrong vs gold",
};

/**
 * The section in parts, each row made as it is written: a large run lists thousands, and none of them need be
 * held at once (see renderHtmlParts).
 */
export function* disagreementsSection(v: View): Generator<string> {
  const list = v.data.disagreements;
  const intro = `<section id="disagreements" aria-labelledby="dis-h"><h2 id="dis-h">Disagreements</h2>`;
  if (list.length === 0) {
    yield `${intro}<p class="lead ok">✓ The models agreed with each other, and with gold, on every auto-scored field.</p></section>`;
    return;
  }
  const models = v.models.filter((id) => list.some((d) => id in d.values));
  const fields = [...new Set(list.map((d) => d.field))].sort();
  const reasons = [...new Set(list.map((d) => d.reason))];
  const option = (value: string, label: string) => `<option value="${h(value)}">${h(label)}</option>`;
  const heads = models
    .map((id) => `<th scope="col">${swatch(v.index(id))}${h(truncate(id, 24))}</th>`)
    .join("");
  const columns = 5 + models.length;
  yield `${intro}<p class="lead">${count(list.length, "field value")} where models disagree with each other or with gold, or gave no valid output. <span class="eq">✓</span> marks a value the field's matcher reads as the gold one, or as the one reviewers settled; ⚑ marks a field reviewers disagree on. Click a row to read the call.</p>
<div class="controls" role="search">
<label>Search <input type="search" id="dq" placeholder="case id, field, value or transcript text (press /)" autocomplete="off"></label>
<label>Field <select id="df">${option("", "all fields")}${fields.map((f) => option(f, truncate(f, 40))).join("")}</select></label>
<label>Reason <select id="dr">${option("", "all reasons")}${reasons.map((r) => option(r, REASONS[r] ?? r)).join("")}</select></label>
<button type="button" id="dx" class="js-only">Expand all</button>
<output id="dc" aria-live="polite">${list.length} of ${list.length}</output>
</div>
<div class="scroll"><table class="dis-table">
<thead><tr><th scope="col"><span class="sr">details</span></th><th scope="col">case</th><th scope="col">field</th><th scope="col">reason</th>${heads}<th scope="col">gold / settled</th></tr></thead>`;
  // On lines of their own, as the page's sections are.
  for (const [i, d] of list.entries()) yield `\n${body(v, d, i, models, columns)}`;
  yield `\n</table></div>
<p id="dn" class="note" hidden>No disagreement matches the search.</p></section>`;
}

function body(v: View, d: Disagreement, i: number, models: string[], columns: number): string {
  const gold = d.gold === undefined ? undefined : canonical(d.gold);
  const cells = models
    .map((id) => {
      if (!(id in d.values)) return `<td class="v muted">—</td>`;
      const value = d.values[id];
      const issues = invalidIssues(value);
      if (issues)
        return `<td class="v"><span class="invalid" title="${h(issues.join("\n"))}">⚠ invalid</span></td>`;
      const text = valueText(value);
      // A reviewer's label, when there is one, is what the value is checked against; else the gold.
      const against = d.human?.verdict === "value" ? "settled" : "gold";
      // The field's matcher decides when the data says; hand-made data without it falls back to equal JSON.
      const same =
        d.human?.verdict === "value"
          ? d.human.matches?.[id] === true
          : d.matchesGold
            ? d.matchesGold[id] === true
            : gold !== undefined && canonical(value) === gold;
      return `<td class="v${same ? " same" : ""}" title="${h(text)}">${h(truncate(text, 48))}${same ? ` <span class="eq" title="same as ${against}">✓<span class="sr"> same as ${against}</span></span>` : ""}</td>`;
    })
    .join("");
  const label = `Show call ${truncate(d.caseId, 40)}, field ${truncate(d.field, 40)}`;
  return `<tbody class="dis" data-field="${h(d.field)}" data-reason="${h(d.reason)}">
<tr class="row"><td><button type="button" class="toggle js-only" aria-expanded="false" aria-controls="d${i}" aria-label="${h(label)}">▸</button></td><td class="case" title="${h(d.caseId)}"><code>${h(truncate(d.caseId, 28))}</code></td><td class="field" title="${h(d.field)}">${h(truncate(d.field, 32))}</td><td><span class="reason r-${h(d.reason)}">${REASONS[d.reason] ?? h(d.reason)}</span></td>${cells}${goldCell(d)}</tr>
<tr class="detail" id="d${i}"><td colspan="${columns}"><div class="detail-grid"><div><h4>Transcript of <code>${h(d.caseId)}</code></h4>${transcript(d.transcript)}</div><div><h4>Values for <code>${h(d.field)}</code></h4>${values(v, d, models)}</div></div></td></tr>
</tbody>`;
}

function values(v: View, d: Disagreement, models: string[]): string {
  const items = models
    .filter((id) => id in d.values)
    .map((id) => {
      const value = d.values[id];
      const issues = invalidIssues(value);
      const shown = issues
        ? `<p class="invalid">⚠ output failed the schema:</p><ul>${issues.map((x) => `<li>${h(x)}</li>`).join("")}</ul>`
        : `<pre>${h(valueBlock(value))}</pre>`;
      return `<dt>${swatch(v.index(id))}${h(id)}</dt><dd>${shown}</dd>`;
    });
  const gold =
    d.gold === undefined
      ? `<dt>gold</dt><dd class="muted">no gold label</dd>`
      : `<dt>gold</dt><dd><pre class="gold">${h(valueBlock(d.gold))}</pre></dd>`;
  return `<dl class="values">${items.join("")}${gold}${humanDetail(d)}</dl>`;
}

/** The last column: what reviewers settled (value, "no model is right" or contested, and who), else the gold. */
function goldCell(d: Disagreement): string {
  const label = d.human;
  if (!label) {
    return d.gold === undefined
      ? `<td class="v muted">no gold</td>`
      : `<td class="v gold">${h(truncate(valueText(d.gold), 48))}</td>`;
  }
  const who = h(truncate(label.reviewers.join(", "), 40));
  if (label.verdict === "contested") {
    return `<td class="v contested" title="reviewers disagree: ${h(label.reviewers.join(", "))}"><span class="invalid">⚑ contested</span> <span class="muted">by ${who}</span></td>`;
  }
  const shown = label.verdict === "value" ? h(truncate(valueText(label.value), 48)) : "no model right";
  const title = label.verdict === "value" ? valueText(label.value) : "no model's value is right";
  return `<td class="v gold settled" title="${h(title)}">${shown} <span class="muted">settled by ${who}</span></td>`;
}

function humanDetail(d: Disagreement): string {
  const label = d.human;
  if (!label) return "";
  const who = h(label.reviewers.join(", "));
  if (label.verdict === "contested") return `<dt>reviewers</dt><dd>⚑ contested: ${who} disagree</dd>`;
  if (label.verdict === "none") return `<dt>settled by ${who}</dt><dd>no model's value is right</dd>`;
  return `<dt>settled by ${who}</dt><dd><pre class="gold">${h(valueBlock(label.value))}</pre></dd>`;
}

/** A transcript with speaker labels (text, not only colour) and times when the turns have them. */
export function transcript(t: string | Turn[]): string {
  if (typeof t === "string") return `<p class="plain">${h(t)}</p>`;
  const speakers = new Map<string, number>();
  const turns = t.map((turn) => {
    const s = speakers.get(turn.speaker) ?? speakers.size;
    speakers.set(turn.speaker, s);
    const time = turn.start === undefined ? "" : `<span class="time">${clock(turn.start)}</span>`;
    return `<li class="spk-${s % 4}"><span class="speaker">${h(turn.speaker)}</span>${time}<span class="said">${h(turn.text)}</span></li>`;
  });
  return `<ol class="turns">${turns.join("")}</ol>`;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** JSON with sorted keys, so two equal values compare equal as text. */
function canonical(value: unknown): string {
  // Most values are plain strings and numbers: nothing to sort.
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => byCodePoint(a, b)))
      : v,
  );
}

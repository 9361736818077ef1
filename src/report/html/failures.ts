// Why outputs failed the schema, per model: the most common reasons as bars, all of them in a table.
import { byCodePoint, pct } from "../../core/format.js";
import { escapeHtml as h, truncate } from "./escape.js";
import { chart, linear, marker, modelClass, niceMax, round, xAxis } from "./svg.js";
import type { View } from "./view.js";

const W = 1000;
const PLOT = { x0: 420, x1: 880 };
const ROW = 20;
const HEAD = 26;
/** Reasons beyond this many per model are summed into one "other" bar (the table lists them all). */
const TOP = 8;

export function failuresSection(v: View): string {
  const groups = v.models
    .map((id) => ({
      id,
      reasons: Object.entries(v.data.schemaFailures[id] ?? {})
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])),
    }))
    .filter((g) => g.reasons.length > 0);
  const validity = v.data.summary.models
    .map((m) => `<li>${h(m.id)}: ${pct(m.schemaValidRate)} schema-valid</li>`)
    .join("");
  const intro = `<section id="schema" aria-labelledby="schema-h"><h2 id="schema-h">Schema failures</h2>`;
  if (groups.length === 0)
    return `${intro}<p class="lead ok">✓ Every answered output satisfied the schema.</p><ul class="inline">${validity}</ul></section>`;
  const max = Math.max(...groups.flatMap((g) => g.reasons.map(([, n]) => n)));
  const x = linear([0, niceMax(max, 5)], [PLOT.x0, PLOT.x1], 5);
  const top = 4;
  let y = top;
  const parts: string[] = [];
  for (const g of groups) {
    const index = v.index(g.id);
    const m = v.summaryOf(g.id);
    const answered = m ? m.calls - m.errors : 0;
    parts.push(
      `<g class="${modelClass(index)}" fill="currentColor">${marker(index, 10, y + 14, 5)}</g><text class="group-label" x="24" y="${y + 18}">${h(truncate(g.id, 40))}${m ? ` · ${pct(m.schemaValidRate)} schema-valid` : ""}<title>${h(g.id)}</title></text>`,
    );
    y += HEAD;
    const shown = g.reasons.slice(0, TOP);
    const rest = g.reasons.slice(TOP);
    if (rest.length) shown.push([`other (${rest.length} more reasons)`, rest.reduce((s, [, n]) => s + n, 0)]);
    for (const [reason, n] of shown) {
      const cy = y + ROW / 2;
      const share = answered > 0 ? ` (${pct(n / answered)} of answered calls)` : "";
      parts.push(
        `<text class="reason" x="${PLOT.x0 - 10}" y="${cy + 4}" text-anchor="end">${h(truncate(reason, 58))}<title>${h(reason)}</title></text><g class="${modelClass(index)}"><rect class="bar" x="${PLOT.x0}" y="${cy - 6}" width="${round(x(n) - x(0))}" height="12" fill="currentColor"><title>${h(`${g.id}: ${reason}: ${n}${share}`)}</title></rect></g><text class="value" x="${round(x(n) + 6)}" y="${cy + 4}">${n}</text>`,
      );
      y += ROW;
    }
    y += 8;
  }
  const svg = chart(
    W,
    y + 44,
    "Schema failures per model, by reason",
    `${xAxis(x, top, y, (t) => String(t), "outputs that failed the schema")}${parts.join("")}`,
  );
  const rows = groups.flatMap((g) =>
    g.reasons.map(
      ([reason, n]) =>
        `<tr><th scope="row">${h(g.id)}</th><td class="text">${h(reason)}</td><td>${n}</td></tr>`,
    ),
  );
  return `${intro}<p class="lead">Outputs that were not JSON or did not satisfy the schema, by reason. An output can fail for several reasons.</p>
<figure>${svg}</figure>
<details class="numbers"><summary>Numbers behind the chart</summary><div class="scroll"><table class="num"><thead><tr><th scope="col">model</th><th scope="col">reason</th><th scope="col">outputs</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></details>
<ul class="inline">${validity}</ul></section>`;
}

/** Calls that ended without an answer, per model and error kind, with the provider's first distinct messages. */
export function callFailuresSection(v: View): string {
  const rows = v.data.summary.models.flatMap((m) =>
    (m.failures ?? []).map((f) => {
      const messages =
        f.messages.length === 0
          ? `<span class="muted">no message</span>`
          : `<ul class="messages">${f.messages.map((msg) => `<li><code>${h(msg)}</code></li>`).join("")}</ul>`;
      return `<tr><th scope="row">${h(m.id)}</th><td class="text">${h(f.kind)}</td><td>${f.count}</td><td class="text">${messages}</td></tr>`;
    }),
  );
  if (rows.length === 0) return "";
  return `<section id="errors" aria-labelledby="errors-h"><h2 id="errors-h">Failed calls</h2>
<p class="lead">Calls that ended without an answer after retries, by error kind, with the first distinct messages the provider gave (at most 3, cut to 200 characters).</p>
<div class="scroll"><table class="num"><thead><tr><th scope="col">model</th><th scope="col">error</th><th scope="col">calls</th><th scope="col">messages</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}

/** Styles only the failed-calls table uses; added only when it is drawn. */
export const FAILURES_CSS = `
ul.messages{margin:0;padding-left:18px}
ul.messages code{white-space:pre-wrap;overflow-wrap:anywhere}
`;

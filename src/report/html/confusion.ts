// Confusion matrices of enum fields: per field and model, a table of gold values (rows) against the model's
// values (columns), counts in the cells, the diagonal (right answers) highlighted. Values are untrusted text.
import type { ConfusionMatrix } from "../../core/summary.js";
import { isDiagonal } from "../../summary/confusion.js";
import { escapeHtml as h } from "./escape.js";
import type { View } from "./view.js";

export function confusionSection(v: View): string {
  const fields = new Set<string>();
  for (const m of v.data.summary.models)
    for (const field of Object.keys(m.confusion ?? {})) fields.add(field);
  if (fields.size === 0) return "";
  const parts: string[] = [];
  for (const field of fields) {
    const tables = v.data.summary.models.flatMap((m) => {
      const matrix = m.confusion?.[field];
      return matrix ? [table(`${field} · ${m.id}`, matrix)] : [];
    });
    parts.push(`<h3>${h(field)}</h3><div class="matrices">${tables.join("")}</div>`);
  }
  return `<section id="confusion" aria-labelledby="confusion-h"><h2 id="confusion-h">Confusion matrices</h2>
<p class="lead">Enum fields: the gold value (rows) against the model's value (columns), in scored calls. The highlighted diagonal is right; everything else is which value was taken for which. (missing) is no value, (invalid) an output that failed the schema.</p>
${parts.join("\n")}</section>`;
}

function table(caption: string, matrix: ConfusionMatrix): string {
  const head = matrix.columns.map((c) => `<th scope="col">${h(c)}</th>`).join("");
  const body = matrix.rows
    .map((gold, i) => {
      const cells = matrix.columns
        .map((answer, j) => {
          const n = matrix.counts[i]?.[j] ?? 0;
          const label = h(`gold ${gold}, answer ${answer}: ${n}`);
          const kind = isDiagonal(gold, answer) ? "hit" : n === 0 ? "zero" : "miss";
          return `<td class="${kind}" title="${label}">${n}</td>`;
        })
        .join("");
      return `<tr><th scope="row">${h(gold)}</th>${cells}</tr>`;
    })
    .join("");
  return `<div class="scroll"><table class="num confusion"><caption>${h(caption)} · n=${matrix.n}</caption><thead><tr><td class="corner">gold ↓ · answer →</td>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** Styles only the matrices use; added to the page only when they are drawn. */
export const CONFUSION_CSS = `
.matrices{display:flex;flex-wrap:wrap;align-items:flex-start;gap:8px 28px}
.matrices .scroll{max-width:100%}
#confusion h3{margin:18px 0 4px}
table.confusion{width:auto}
table.confusion th,table.confusion td{padding:4px 8px;text-align:center}
table.confusion th{overflow-wrap:anywhere;max-width:160px}
table.confusion td.corner{color:var(--muted);font-size:12px;white-space:nowrap}
table.confusion td.hit{background:var(--pass-bg);color:var(--pass);font-weight:700}
table.confusion td.miss{background:var(--fail-bg);color:var(--fail)}
table.confusion td.zero{color:var(--muted)}
`;

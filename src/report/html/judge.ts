// report.html's judged fields: per field and model, the judge-corrected accuracy with the judge's own
// number and the people's beside it, and how the judge agrees with people. Field and model ids are the
// user's, and escaped.
import { interval, pct } from "../../core/format.js";
import type { EstimateInterval, JudgedFieldMetrics } from "../../core/summary.js";
import { JUDGE_TITLE, judgedFieldText, kappaText, moreText, worthText } from "../judge-text.js";
import { escapeHtml as h } from "./escape.js";
import type { View } from "./view.js";

const figure = (e: EstimateInterval) =>
  e.estimate === null
    ? "<td>—</td>"
    : `<td>${pct(e.estimate)} <small>${interval([e.lower, e.upper])}</small></td>`;

function agreement(m: JudgedFieldMetrics): string {
  const { calibration: c } = m;
  if (c.n === 0) return "<td>—</td>";
  return `<td>${kappaText(m)} <small>passes ${pct(c.judgePassRate, 0)} vs ${pct(c.humanPassRate, 0)}, n=${c.n}</small></td>`;
}

function worth(m: JudgedFieldMetrics): string {
  const more = moreText(m);
  return `<td>${worthText(m)}${more === undefined ? "" : ` <small>${more}</small>`}</td>`;
}

/** The "Judged fields" section; empty without a judge. */
export function judgeSection(v: View): string {
  const judge = v.data.summary.judge;
  if (!judge) return "";
  const rows: string[] = [];
  for (const [field, models] of Object.entries(judge.fields)) {
    for (const [modelId, m] of Object.entries(models)) {
      rows.push(
        `<tr><th scope="row">${h(judgedFieldText(judge, field))}</th><td>${h(modelId)}</td>${figure(m.estimate)}${figure(m.judgeOnly)}${figure(m.humanOnly)}<td>${m.n} of ${m.N}</td>${agreement(m)}${worth(m)}</tr>`,
      );
    }
  }
  return `<section id="judge" aria-labelledby="judge-h"><h2 id="judge-h">${JUDGE_TITLE}</h2>
<p class="lead">The judge (${h(judge.judgeId)}) graded every answer; people graded a sample drawn where it was least sure. <b>Estimate</b>: the judge's verdicts corrected by people's grades, its 95% interval valid whatever the judge's bias. <b>Judge only</b>: its verdicts as they are. <b>People only</b>: the graded sample alone. <b>Grades worth</b>: human grades alone as precise, and the grades in all for ±5 points.</p>
<div class="scroll"><table class="num">
<thead><tr><th scope="col">field</th><th scope="col">model</th><th scope="col">estimate</th><th scope="col">judge only</th><th scope="col">people only</th><th scope="col">graded</th><th scope="col">judge vs people</th><th scope="col">grades worth</th></tr></thead>
<tbody>${rows.join("")}</tbody></table></div></section>`;
}

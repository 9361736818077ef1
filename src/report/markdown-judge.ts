// report.md's judged fields: per field and model, the judge-corrected accuracy beside the judge's own
// number and the people's, and how well the judge agrees with people.
import { interval, pct } from "../core/format.js";
import type { EstimateInterval, JudgedFieldMetrics, RunSummary } from "../core/summary.js";
import { JUDGE_TITLE, judgedFieldText, kappaText, moreText, worthText } from "./judge-text.js";
import { cell, row } from "./markdown-table.js";

const estimate = (e: EstimateInterval) => `${pct(e.estimate)} ${interval([e.lower, e.upper])}`;

function agreement(m: JudgedFieldMetrics): string {
  const c = m.calibration;
  if (c.n === 0) return "—";
  return `${kappaText(m)}, passes ${pct(c.judgePassRate, 0)} vs ${pct(c.humanPassRate, 0)} (n=${c.n})`;
}

function worth(m: JudgedFieldMetrics): string {
  const more = moreText(m);
  return `${worthText(m)}${more === undefined ? "" : `; ${more}`}`;
}

/** The "Judged fields" section; none without a judge. */
export function judgeMarkdown(summary: RunSummary): string[] {
  const judge = summary.judge;
  if (!judge) return [];
  const lines = [
    "",
    `## ${JUDGE_TITLE}`,
    "",
    `The judge (${cell(judge.judgeId)}, ${judge.calls} calls${judge.costUsd === null ? "" : `, $${judge.costUsd.toFixed(2)}`}) graded every answer; people graded a sample drawn where it was least sure. ` +
      "**Estimate**: the judge's verdicts corrected by the people's grades, 95% interval valid whatever the judge's bias. " +
      "**Judge only**: its verdicts taken as they are. **People only**: the graded sample alone. " +
      "**Grades worth**: how many human grades alone would be as precise, and the grades in all for ±5 points.",
    "",
    row([
      "field",
      "model",
      "estimate",
      "judge only",
      "people only",
      "graded",
      "judge vs people",
      "grades worth",
    ]),
    row(["---", "---", "---:", "---:", "---:", "---:", "---", "---"]),
  ];
  for (const [field, models] of Object.entries(judge.fields)) {
    for (const [modelId, m] of Object.entries(models)) {
      lines.push(
        row([
          judgedFieldText(judge, field),
          modelId,
          estimate(m.estimate),
          estimate(m.judgeOnly),
          estimate(m.humanOnly),
          `${m.n} of ${m.N}`,
          agreement(m),
          worth(m),
        ]),
      );
    }
  }
  return lines;
}

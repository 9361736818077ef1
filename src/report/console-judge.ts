// The terminal table of judged fields: per field, each model's judge-corrected estimate, the judge's own
// number, how many answers people graded and how the judge agrees with them. The people's own number is in
// report.md.
import { interval, pct, table } from "../core/format.js";
import { inert } from "../core/inert.js";
import type { EstimateInterval, JudgedFieldMetrics, RunSummary } from "../core/summary.js";
import { judgedFieldText, kappaText } from "./judge-text.js";

const figure = (e: EstimateInterval) =>
  e.estimate === null ? "—" : `${pct(e.estimate)} ${interval([e.lower, e.upper])}`;

/** Cohen's kappa and the two pass rates on the answers both graded; "—" before any. */
function agreement(m: JudgedFieldMetrics): string {
  const c = m.calibration;
  if (c.n === 0) return "—";
  return `${kappaText(m)}, ${pct(c.judgePassRate, 0)} vs ${pct(c.humanPassRate, 0)} pass`;
}

/** One table per judged field, after a blank line; none without a judge. */
export function judgeConsole(summary: RunSummary): string[] {
  const judge = summary.judge;
  if (!judge) return [];
  const out: string[] = [];
  for (const [field, byModel] of Object.entries(judge.fields)) {
    const models = summary.models.map((m) => m.id).filter((id) => byModel[id] !== undefined);
    const at = (id: string) => byModel[id] as JudgedFieldMetrics;
    out.push(
      "",
      table(
        [
          `${inert(judgedFieldText(judge, field))} (judged by ${inert(judge.judgeId)})`,
          ...models.map((id) => inert(id)),
        ],
        [
          ["estimate, 95% CI", ...models.map((id) => figure(at(id).estimate))],
          ["judge only", ...models.map((id) => figure(at(id).judgeOnly))],
          ["graded by people", ...models.map((id) => `${at(id).n} of ${at(id).N}`)],
          ["judge vs people", ...models.map((id) => agreement(at(id)))],
        ],
        ["l", ...models.map(() => "r" as const)],
      ),
    );
    if (models.some((id) => at(id).estimate.estimate === null)) {
      out.push("no estimate until people grade some of its answers: the judge alone is not to be trusted");
    }
  }
  return out;
}

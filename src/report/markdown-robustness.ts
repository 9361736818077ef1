// report.md's "Robustness to recognition noise": field accuracy on noisier and noisier variants of the transcripts.
import { pct, signedPoints } from "../core/format.js";
import type { RobustnessPoint, RobustnessSummary, RunSummary } from "../core/summary.js";
import { cell, row } from "./markdown-table.js";
import { fieldsByChange, levelHeading, pointAt, robustnessChange } from "./voice-facts.js";

/** The section's lines, starting with a blank one; none when the dataset has no noisy variants. */
export function robustnessMarkdown(summary: RunSummary): string[] {
  const r = summary.robustness;
  if (!r || r.models.length === 0) return [];
  const lines = [
    "",
    "## Robustness to recognition noise",
    "",
    "Field accuracy on variants of the transcripts with recognition-like errors added (`callgrade perturb`). Each level is the word error rate asked for; the measured WER is what its variants really have. Change: accuracy at the noisiest level − on the original transcripts, in percentage points.",
    "",
    row(["level", "measured WER", "cases"]),
    row(["---:", "---:", "---:"]),
    ...r.levels.map((l) => row([l.level === 0 ? "original" : pct(l.level, 0), pct(l.wer), String(l.cases)])),
    "",
    "### Field accuracy",
    "",
    ...curves(
      r,
      "model",
      r.models.map((m) => [m.model, m.fieldAccuracy]),
    ),
  ];
  for (const m of r.models) {
    const fields = fieldsByChange(m.fields);
    if (fields.length === 0) continue;
    lines.push("", `### ${cell(m.model)}, per field`, "", "Fields that lose most first.", "");
    lines.push(...curves(r, "field", fields));
  }
  return lines;
}

/** One row per curve, one column per level, then the change. */
function curves(r: RobustnessSummary, label: string, rows: [string, RobustnessPoint[]][]): string[] {
  return [
    row([label, ...r.levels.map(levelHeading), "change (pts)"]),
    row(["---", ...r.levels.map(() => "---:"), "---:"]),
    ...rows.map(([name, points]) =>
      row([
        name,
        ...r.levels.map((l) => pct(pointAt(points, l.level)?.accuracy)),
        signedPoints(robustnessChange(points)),
      ]),
    ),
  ];
}

// report.md: the summary as a person reads it in a pull request or an editor.
import { interval, ms, pct, usd } from "../core/format.js";
import type { RunSummary } from "../core/summary.js";
import { reviewItems } from "../summary/review-wording.js";
import { fieldNames, humanFieldNames, reviewLine } from "./console.js";
import { confusionMarkdown } from "./markdown-confusion.js";
import { failuresMarkdown } from "./markdown-failures.js";
import { judgeMarkdown } from "./markdown-judge.js";
import { notesMarkdown } from "./markdown-notes.js";
import { robustnessMarkdown } from "./markdown-robustness.js";
import { slicesMarkdown } from "./markdown-slices.js";
import { cell, row } from "./markdown-table.js";
import { voiceMarkdown } from "./markdown-voice.js";
import { unreadableLine } from "./unreadable.js";

export function renderMarkdown(summary: RunSummary): string {
  const lines: string[] = [
    `# ${cell(summary.suite)}: run ${summary.runId}`,
    "",
    `${summary.caseCount} cases × ${summary.models.length} models × ${summary.repeat} repeat · ${summary.createdAt} · status ${summary.status}`,
    "",
    `Evaluated: prompt \`${summary.hashes.prompt}\`, knowledge base \`${summary.hashes.knowledgeBase}\`, schema \`${summary.hashes.schema}\`.`,
    "",
    "## Models",
    "",
    row([
      "model",
      "calls",
      "errors",
      "schema-valid",
      "field accuracy",
      "latency p50",
      "latency p95",
      "tokens in/out (cached)",
      "cost",
    ]),
    row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]),
  ];
  for (const m of summary.models) {
    lines.push(
      row([
        m.id,
        String(m.calls),
        String(m.errors),
        pct(m.schemaValidRate),
        pct(m.fieldAccuracy),
        ms(m.latencyMs.p50),
        ms(m.latencyMs.p95),
        `${m.tokens.input}/${m.tokens.output} (${m.tokens.cachedInput})`,
        usd(m.costUsd),
      ]),
    );
  }
  const fields = fieldNames(summary);
  if (fields.length > 0) {
    lines.push("", "## Fields", "", "Accuracy with its 95% Wilson interval; n = scored cases.", "");
    lines.push(row(["field", ...summary.models.map((m) => m.id), "agreement"]));
    lines.push(row(["---", ...summary.models.map(() => "---:"), "---:"]));
    for (const field of fields) {
      lines.push(
        row([
          field,
          ...summary.models.map((m) => {
            const f = m.fields[field];
            return f ? `${pct(f.accuracy)} ${interval(f.ci95)} n=${f.n}` : "—";
          }),
          pct(summary.agreement[field]?.rate),
        ]),
      );
    }
  }
  const unreadable = unreadableLine(summary, cell);
  if (unreadable) lines.push("", `${unreadable[0]?.toUpperCase()}${unreadable.slice(1)}.`);
  lines.push(...confusionMarkdown(summary));
  const human = humanFieldNames(summary);
  if (human.length > 0) {
    lines.push(
      "",
      "## Human-adjudicated accuracy",
      "",
      "Against labels settled by reviewers (and, for fields without gold, the value every model agreed on).",
      "",
    );
    lines.push(row(["field", ...summary.models.map((m) => m.id), "graded"]));
    lines.push(row(["---", ...summary.models.map(() => "---:"), "---:"]));
    for (const field of human) {
      lines.push(
        row([
          field,
          ...summary.models.map((m) => {
            const f = m.human?.[field];
            return f && f.n > 0 ? `${pct(f.accuracy)} ${interval(f.ci95)} n=${f.n}` : "—";
          }),
          String(Math.max(0, ...summary.models.map((m) => m.human?.[field]?.graded ?? 0))),
        ]),
      );
    }
  }
  lines.push(...voiceMarkdown(summary), ...robustnessMarkdown(summary));
  lines.push(...judgeMarkdown(summary));
  lines.push(...slicesMarkdown(summary));
  lines.push("", "## Review queue", "", `${reviewItems(summary.review.queued)} queued for human review.`);
  if (human.length > 0) lines.push("", reviewLine(summary), "");
  for (const [reason, n] of Object.entries(summary.review.byReason)) lines.push(`- ${reason}: ${n}`);
  lines.push(...notesMarkdown(summary));
  const errors = summary.models.filter((m) => m.errors > 0);
  if (errors.length > 0 || summary.skippedModels.length > 0) {
    lines.push("", "## Problems", "");
    lines.push(...failuresMarkdown(summary));
    for (const s of summary.skippedModels) lines.push(`- ${cell(s.id)} skipped: ${cell(s.reason)}`);
  }
  return `${lines.join("\n")}\n`;
}

// The compact table printed at the end of a run and by `callgrade report`.
import { interval, ms, pct, table, usd } from "../core/format.js";
import { inert } from "../core/inert.js";
import type { RunSummary } from "../core/summary.js";
import { gradedLine } from "../summary/review-wording.js";
import { failureConsoleLines } from "./call-failures.js";
import { judgeConsole } from "./console-judge.js";
import { slicesConsole } from "./console-slices.js";
import { voiceConsole } from "./console-voice.js";
import { unreadableLine } from "./unreadable.js";

export function renderConsole(summary: RunSummary): string {
  const out: string[] = [];
  out.push(
    `${inert(summary.suite)} · run ${summary.runId} · ${summary.caseCount} cases × ${summary.models.length} models`,
  );
  out.push("");
  out.push(
    table(
      ["model", "calls", "errors", "valid", "field acc", "p50", "p95", "cost"],
      summary.models.map((m) => [
        m.id,
        String(m.calls),
        m.errors ? `${m.errors} (${errorKinds(m.errorsByKind)})` : "0",
        pct(m.schemaValidRate),
        pct(m.fieldAccuracy),
        ms(m.latencyMs.p50),
        ms(m.latencyMs.p95),
        usd(m.costUsd),
      ]),
      ["l", "r", "r", "r", "r", "r", "r", "r"],
    ),
  );
  out.push(...failureConsoleLines(summary));
  const fields = fieldNames(summary);
  if (fields.length > 0) {
    out.push("");
    out.push(
      table(
        ["field (accuracy, 95% CI)", ...summary.models.map((m) => m.id), "agree"],
        fields.map((field) => [
          field,
          ...summary.models.map((m) => {
            const f = m.fields[field];
            return f ? `${pct(f.accuracy)} ${interval(f.ci95)}` : "—";
          }),
          pct(summary.agreement[field]?.rate),
        ]),
        ["l", ...summary.models.map(() => "r" as const), "r"],
      ),
    );
  }
  const unreadable = unreadableLine(summary, inert);
  if (unreadable) out.push(unreadable);
  const human = humanFieldNames(summary);
  if (human.length > 0) {
    out.push("");
    out.push(
      table(
        ["human-adjudicated", ...summary.models.map((m) => m.id), "graded"],
        human.map((field) => [
          field,
          ...summary.models.map((m) => {
            const f = m.human?.[field];
            return f && f.n > 0 ? `${pct(f.accuracy)} ${interval(f.ci95)} n=${f.n}` : "—";
          }),
          String(Math.max(0, ...summary.models.map((m) => m.human?.[field]?.graded ?? 0))),
        ]),
        ["l", ...summary.models.map(() => "r" as const), "r"],
      ),
    );
    out.push(reviewLine(summary));
  }
  out.push(...voiceConsole(summary));
  out.push(...slicesConsole(summary));
  out.push(...judgeConsole(summary));
  for (const skipped of summary.skippedModels) out.push(`skipped ${skipped.id}: ${inert(skipped.reason)}`);
  return out.join("\n");
}

export function fieldNames(summary: RunSummary): string[] {
  const names = new Set<string>();
  for (const model of summary.models) for (const name of Object.keys(model.fields)) names.add(name);
  for (const name of Object.keys(summary.agreement)) names.add(name);
  return [...names];
}

export function humanFieldNames(summary: RunSummary): string[] {
  const names = new Set<string>();
  for (const model of summary.models) for (const name of Object.keys(model.human ?? {})) names.add(name);
  return [...names];
}

/** Grades so far, and how far reviewers agree where two or more graded the same case. */
export function reviewLine(summary: RunSummary): string {
  const { queued, graded, contested, interRater } = summary.review;
  const between = Object.entries(interRater).map(([field, a]) => {
    const kappa = a.kappa === undefined ? "" : ` κ=${a.kappa === null ? "—" : a.kappa.toFixed(2)}`;
    return `${field}${kappa} α=${a.alpha === null ? "—" : a.alpha.toFixed(2)} (${a.units} cases)`;
  });
  const counts = gradedLine({ graded, total: queued, left: Math.max(queued - graded, 0) });
  return `${counts} · ${contested} contested${between.length ? `; reviewer agreement: ${between.join(", ")}` : ""}`;
}

function errorKinds(byKind: Record<string, number>): string {
  return Object.entries(byKind)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
}

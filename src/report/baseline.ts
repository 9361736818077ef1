// Baselines: a run's summary with its per-call outcomes, written to be committed and read back by the gate.
import { readFileSync } from "node:fs";
import { CallgradeError } from "../core/errors.js";
import type { RunSummary } from "../core/summary.js";
import type { Baseline, BaselineModel } from "../gate/types.js";
import { isAutoScored } from "../scoring/matchers/index.js";
import { getPath } from "../scoring/path.js";
import type { RunRecord, Store } from "../store/index.js";
import { writeAtomic } from "./write.js";

/** The run as a baseline: outcomes of the first repetition of each call, field by field. */
export function baselineFromStore(store: Store, run: RunRecord, summary: RunSummary): Baseline {
  const cases = store.runs.cases(run.id).map((item) => item.id);
  const index = new Map(cases.map((id, i) => [id, i]));
  const scores = store.results.scores(run.id).filter((score) => score.rep === 0);
  const calls = store.calls.forRun(run.id).filter((call) => call.rep === 0);
  const fields = run.fields.filter((field) => isAutoScored(field.match)).map((field) => field.name);
  const models: BaselineModel[] = run.models.map((model) => {
    const outcomes: Record<string, string[]> = Object.fromEntries(
      fields.map((f) => [f, cases.map(() => "-")]),
    );
    for (const score of scores) {
      const i = index.get(score.caseId);
      const row = outcomes[score.field];
      if (score.modelId === model.id && i !== undefined && row) row[i] = score.correct ? "1" : "0";
    }
    const latencyMs: (number | null)[] = cases.map(() => null);
    const costUsd: (number | null)[] = cases.map(() => null);
    const values: Record<string, unknown>[] = cases.map(() => ({}));
    for (const call of calls) {
      const i = index.get(call.caseId);
      if (call.modelId !== model.id || i === undefined || call.status !== "ok") continue;
      latencyMs[i] = call.latencyMs;
      costUsd[i] = call.costUsd;
      if (call.valid) values[i] = Object.fromEntries(fields.map((f) => [f, getPath(call.value, f) ?? null]));
    }
    return {
      id: model.id,
      outcomes: Object.fromEntries(Object.entries(outcomes).map(([f, chars]) => [f, chars.join("")])),
      latencyMs,
      costUsd,
      values,
    };
  });
  return { ...summary, baseline: { format: "callgrade-baseline", version: 1, cases, models } };
}

export function writeBaseline(file: string, baseline: Baseline): void {
  try {
    writeAtomic(file, `${JSON.stringify(baseline, null, 1)}\n`);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CallgradeError("USAGE", `${file}: cannot write the baseline (${reason})`);
  }
}

export function readBaseline(file: string): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
    throw new CallgradeError(
      "USAGE",
      `${file}: cannot read the baseline (${reason}); create one with \`callgrade run --save-baseline\` or \`callgrade baseline RUN_ID\``,
    );
  }
  const inner = (parsed as { baseline?: { format?: unknown; version?: unknown } } | null)?.baseline;
  if (inner?.format !== "callgrade-baseline") {
    throw new CallgradeError(
      "USAGE",
      `${file}: has no per-call outcomes (a plain summary.json?); paired tests need a baseline file: \`callgrade baseline RUN_ID --out ${file}\``,
    );
  }
  if (inner.version !== 1) {
    throw new CallgradeError(
      "USAGE",
      `${file}: baseline version ${String(inner.version)} is newer than this callgrade`,
    );
  }
  return parsed as Baseline;
}

// Baselines: a run's summary with its per-call outcomes, written to be committed and read back by the gate.
import { readFileSync } from "node:fs";
import { writeAtomic } from "../core/atomic-write.js";
import { CallgradeError, StorageError, storageFailure } from "../core/errors.js";
import { shellQuote } from "../core/shell-quote.js";
import type { RunSummary } from "../core/summary.js";
import type { Baseline } from "../gate/types.js";
import { isAutoScored } from "../scoring/matchers/index.js";
import { getPath } from "../scoring/path.js";
import type { RunRecord, Store } from "../store/index.js";

const PAGE = 500;
const ONE = "1".charCodeAt(0);
const ZERO = "0".charCodeAt(0);

/** The run as a baseline: outcomes of the first repetition of each call, field by field. */
export function baselineFromStore(store: Store, run: RunRecord, summary: RunSummary): Baseline {
  const cases = store.runs.caseIds(run.id);
  const index = new Map(cases.map((id, i) => [id, i]));
  const fields = run.fields.filter((field) => isAutoScored(field.match)).map((field) => field.name);
  const models = new Map(
    run.models.map((model) => [
      model.id,
      {
        // One byte per case: "1" right, "0" wrong, "-" not scored.
        outcomes: Object.fromEntries(fields.map((f) => [f, Buffer.alloc(cases.length, "-")])),
        latencyMs: cases.map((): number | null => null),
        costUsd: cases.map((): number | null => null),
        values: cases.map((): Record<string, unknown> => ({})),
      },
    ]),
  );
  for (const score of store.results.firstRepOutcomes(run.id)) {
    const i = index.get(score.caseId);
    const row = models.get(score.modelId)?.outcomes[score.field];
    if (i !== undefined && row) row[i] = score.correct === 1 ? ONE : ZERO;
  }
  // A page of cases at a time, so the parsed outputs of a whole run are never in memory at once.
  for (let start = 0; start < cases.length; start += PAGE) {
    for (const call of store.calls.outputsOf(run.id, cases.slice(start, start + PAGE))) {
      const model = models.get(call.modelId);
      const i = index.get(call.caseId);
      if (call.rep !== 0 || !model || i === undefined) continue;
      model.latencyMs[i] = call.latencyMs;
      model.costUsd[i] = call.costUsd;
      if (call.valid)
        model.values[i] = Object.fromEntries(fields.map((f) => [f, getPath(call.value, f) ?? null]));
    }
  }
  return {
    ...summary,
    baseline: {
      format: "callgrade-baseline",
      version: 1,
      cases,
      models: [...models].map(([id, model]) => ({
        id,
        outcomes: Object.fromEntries(
          Object.entries(model.outcomes).map(([f, chars]) => [f, chars.toString("latin1")]),
        ),
        latencyMs: model.latencyMs,
        costUsd: model.costUsd,
        values: model.values,
      })),
    },
  };
}

export function writeBaseline(file: string, baseline: Baseline): void {
  try {
    writeAtomic(file, `${JSON.stringify(baseline, null, 1)}\n`);
  } catch (error) {
    const failure = storageFailure(error);
    if (failure && failure.kind !== "read-only") {
      throw new StorageError(file, failure, { target: "the baseline", kept: "the run is stored" });
    }
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
      `${file}: has no per-call outcomes (a plain summary.json?); paired tests need a baseline file: \`callgrade baseline RUN_ID --out ${shellQuote(file)}\``,
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

// Runs shaped as `callgrade baseline` writes them, from per-field outcome strings, for the gate's tests and
// its seeded simulations: every model answers every call, with no latency or cost (replayed outputs).
import type { ModelSummary } from "../../src/core/summary.js";
import type { Baseline } from "../../src/gate/types.js";
import { wilson } from "../../src/scoring/metrics.js";

/** model id → field → one character per call: "1" right, "0" wrong. */
export type Outcomes = Record<string, Record<string, string>>;

function modelSummary(id: string, fields: Record<string, string>, calls: number): ModelSummary {
  const metrics = Object.entries(fields).map(([field, outcomes]) => {
    const correct = [...outcomes].filter((c) => c === "1").length;
    const n = outcomes.length;
    return [
      field,
      {
        accuracy: correct / n,
        ci95: wilson(correct, n),
        precision: null,
        recall: null,
        f1: null,
        n,
        correct,
      },
    ] as const;
  });
  const accuracies = metrics.map(([, m]) => m.accuracy);
  return {
    id,
    provider: "replay",
    model: null,
    calls,
    errors: 0,
    errorsByKind: {},
    cachedCalls: 0,
    schemaValidRate: 1,
    fieldAccuracy: accuracies.reduce((a, b) => a + b, 0) / (accuracies.length || 1),
    fields: Object.fromEntries(metrics),
    latencyMs: { p50: null, p95: null },
    tokens: { input: 0, output: 0, cachedInput: 0 },
    costUsd: null,
  };
}

export function suiteRun(runId: string, outcomes: Outcomes): Baseline {
  const first = Object.values(Object.values(outcomes)[0] ?? {})[0] ?? "";
  const cases = Array.from({ length: first.length }, (_, i) => `call-${i + 1}`);
  return {
    runId,
    suite: "simulated",
    createdAt: "2026-12-01T00:00:00.000Z",
    status: "finished",
    caseCount: cases.length,
    repeat: 1,
    hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
    models: Object.entries(outcomes).map(([id, fields]) => modelSummary(id, fields, cases.length)),
    skippedModels: [],
    agreement: {},
    review: { queued: 0, byReason: {}, graded: 0, contested: 0, interRater: {} },
    unscored: {},
    baseline: {
      format: "callgrade-baseline",
      version: 1,
      cases,
      models: Object.entries(outcomes).map(([id, fields]) => ({
        id,
        outcomes: fields,
        latencyMs: cases.map(() => null),
        costUsd: cases.map(() => null),
      })),
    },
  };
}

/**
 * Outcomes of `models` × `fields` on `calls` calls, each call right on a field with probability
 * `accuracy(model, field)`, independently: two runs drawn this way differ by noise alone, with as many calls
 * flipping as independent errors make (the most noise a change can carry at that accuracy).
 */
export function drawOutcomes(
  random: () => number,
  shape: { models: number; fields: number; calls: number },
  accuracy: (model: number, field: number) => number,
): Outcomes {
  const out: Outcomes = {};
  for (let m = 0; m < shape.models; m++) {
    const fields: Record<string, string> = {};
    for (let f = 0; f < shape.fields; f++) {
      const p = accuracy(m, f);
      let text = "";
      for (let i = 0; i < shape.calls; i++) text += random() < p ? "1" : "0";
      fields[`field_${f + 1}`] = text;
    }
    out[`model-${m + 1}`] = fields;
  }
  return out;
}

// A realistic report (4 models, 10 fields, 100 latencies each, a failed gate) and a hostile copy of it.

import type { ModelSummary, RunSummary } from "../../../src/core/summary.js";
import { distribution } from "../../../src/scoring/sorted-stream.js";
import type { ReportData } from "../../../src/summary/report-data-types.js";
import { disagreements } from "./fixture-calls.js";
import { gate } from "./fixture-gate.js";

export const FIELDS = [
  "caller_name",
  "phone",
  "callback_date",
  "callback_time",
  "intent",
  "department",
  "urgency",
  "account_number",
  "language",
  "preferred_contact",
];

/** Deterministic pseudo-random numbers (mulberry32), so every render of the fixture is identical. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function wilson(correct: number, n: number): [number, number] {
  const z = 1.959964;
  const p = correct / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [centre - half, centre + half];
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const a = sorted[lo] ?? 0;
  return a + ((sorted[lo + 1] ?? a) - a) * (pos - lo);
}

interface Spec {
  id: string;
  provider: string;
  skill: number;
  medianMs: number;
  costUsd: number | null;
  failures: Record<string, number>;
}

const SPECS: Spec[] = [
  {
    id: "gpt-4.1-mini",
    provider: "openai",
    skill: 0.93,
    medianMs: 820,
    costUsd: 0.41,
    failures: { 'urgency: Invalid option: expected one of "low"|"normal"|"high"': 2 },
  },
  { id: "claude-sonnet-4", provider: "anthropic", skill: 0.96, medianMs: 1650, costUsd: 2.87, failures: {} },
  {
    id: "gpt-4.1-nano",
    provider: "openai",
    skill: 0.86,
    medianMs: 480,
    costUsd: 0.09,
    failures: { "callback_time: Invalid string: must match HH:MM": 4, "no JSON in the output": 1 },
  },
  {
    id: "llama-3.1-8b-local",
    provider: "openai-compatible",
    skill: 0.81,
    medianMs: 2300,
    costUsd: null,
    failures: {
      "no JSON in the output": 6,
      "phone: Required": 5,
      "callback_time: Invalid string: must match HH:MM": 3,
      "language: Invalid option": 1,
    },
  },
];

const N = 240;

function model(spec: Spec, rand: () => number, latencies: number[]): ModelSummary {
  const fields: ModelSummary["fields"] = {};
  for (const [i, field] of FIELDS.entries()) {
    const p = Math.min(
      0.995,
      spec.skill + (i % 3) * 0.02 - (field === "callback_date" ? 0.07 : 0) + (rand() - 0.5) * 0.04,
    );
    const correct = Math.round(p * N);
    fields[field] = {
      accuracy: correct / N,
      ci95: wilson(correct, N),
      precision: null,
      recall: null,
      f1: null,
      n: N,
      correct,
    };
  }
  const accs = Object.values(fields).map((f) => f.accuracy ?? 0);
  const sorted = [...latencies].sort((a, b) => a - b);
  const invalid = Object.values(spec.failures).reduce((s, n) => s + n, 0);
  const human: ModelSummary["human"] = {};
  for (const field of ["intent", "caller_name"]) {
    const correct = Math.round((spec.skill - 0.02 + rand() * 0.03) * 60);
    human[field] = { accuracy: correct / 60, ci95: wilson(correct, 60), n: 60, correct, graded: 24 };
  }
  return {
    id: spec.id,
    provider: spec.provider,
    model: spec.id,
    calls: N,
    errors: spec.id === "llama-3.1-8b-local" ? 3 : 0,
    errorsByKind: spec.id === "llama-3.1-8b-local" ? { timeout: 3 } : {},
    cachedCalls: 0,
    schemaValidRate: 1 - invalid / N,
    fieldAccuracy: accs.reduce((s, a) => s + a, 0) / accs.length,
    fields,
    latencyMs: { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) },
    tokens: { input: 412_000, output: 38_000, cachedInput: 250_000 },
    costUsd: spec.costUsd,
    human,
  };
}

export function sampleReport(ids: string[] = SPECS.map((s) => s.id)): ReportData {
  const rand = random(42);
  const latencies: Record<string, number[]> = {};
  const models = SPECS.map((spec, i) => {
    const id = ids[i] ?? spec.id;
    // Log-normal latencies with a slow tail, as real model calls have.
    latencies[id] = Array.from({ length: 100 }, () => {
      const normal = Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
      return Math.round(spec.medianMs * Math.exp(0.35 * normal));
    });
    return { ...model(spec, rand, latencies[id] ?? []), id };
  });
  const rates = [0.91, 0.86, 0.78, 0.84, 0.8, 0.74];
  const pairwise = ids.flatMap((a, i) =>
    ids.slice(i + 1).map((b) => ({ a, b, rate: rates.shift() ?? 0.7, n: 2_400 })),
  );
  const summary: RunSummary = {
    runId: "run-2025-06-01-b",
    suite: "support-calls (ja/en)",
    createdAt: "2025-06-01T14:03:27.000Z",
    status: "complete",
    caseCount: N,
    repeat: 1,
    hashes: { prompt: "3f9a1c2e", knowledgeBase: "b71d0e44", schema: "9c0e12aa" },
    models,
    skippedModels: [],
    agreement: Object.fromEntries(FIELDS.map((f, i) => [f, { rate: 0.72 + ((i * 7) % 10) * 0.027, n: N }])),
    review: {
      queued: 57,
      byReason: { disagreement: 41, invalid: 16 },
      graded: 24,
      contested: 2,
      interRater: {},
    },
    unscored: { "llama-3.1-8b-local": ["en-call-0140", "en-call-0141", "ja-call-0077"] },
  };
  return {
    summary,
    gate: gate(ids),
    latencies: Object.fromEntries(
      Object.entries(latencies).map(([id, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return [id, distribution(sorted, sorted.length, 1_500)];
      }),
    ),
    schemaFailures: Object.fromEntries(SPECS.map((s, i) => [ids[i] ?? s.id, s.failures])),
    pairwise,
    disagreements: disagreements(ids),
  };
}

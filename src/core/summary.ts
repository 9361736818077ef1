// summary.json: a stable contract CI users parse. Change it only with a version note in the README.
import type { FieldMetrics } from "./types.js";

export interface ModelSummary {
  id: string;
  provider: string;
  model: string | null;
  calls: number;
  /** Calls that ended without an answer (after retries). */
  errors: number;
  errorsByKind: Record<string, number>;
  /** Calls answered from the response cache. */
  cachedCalls: number;
  /** Share of answered calls whose output was JSON that satisfied the schema. */
  schemaValidRate: number | null;
  /** Mean of the per-field accuracies (auto-scored fields with gold). */
  fieldAccuracy: number | null;
  fields: Record<string, Omit<FieldMetrics, "correct"> & { correct: number }>;
  latencyMs: { p50: number | null; p95: number | null };
  tokens: { input: number; output: number; cachedInput: number };
  /** USD for the answered calls; null when the model's price is unknown. */
  costUsd: number | null;
}

export interface RunSummary {
  runId: string;
  suite: string;
  createdAt: string;
  status: string;
  caseCount: number;
  repeat: number;
  hashes: { prompt: string; knowledgeBase: string; schema: string };
  models: ModelSummary[];
  skippedModels: { id: string; reason: string }[];
  agreement: Record<string, { rate: number | null; n: number }>;
  review: { queued: number; byReason: Record<string, number> };
  /** Cases some model has no answer for (errors), per model. */
  unscored: Record<string, string[]>;
}

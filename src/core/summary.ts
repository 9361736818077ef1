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
  /** Per field, accuracy against labels settled by reviewers; only fields someone graded. */
  human?: Record<string, HumanFieldMetrics>;
}

/** Accuracy against labels settled by people (and, for fields without gold, the models' agreed value). */
export interface HumanFieldMetrics {
  accuracy: number | null;
  ci95: [number, number] | null;
  /** Cases with a label. */
  n: number;
  correct: number;
  /** Of those, cases settled by reviewers. */
  graded: number;
}

export interface HumanSummary {
  /** Review items with at least one grade. */
  graded: number;
  /** Fields of cases whose reviewers disagree; they count in no accuracy. */
  contested: number;
  /** model id → field → metrics. */
  accuracy: Record<string, Record<string, HumanFieldMetrics>>;
  /** Per field, agreement between reviewers on the cases two or more of them graded. */
  agreement: Record<string, { units: number; raters: number; alpha: number | null; kappa?: number | null }>;
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
  review: {
    /** Items queued for people (disagreements, invalid outputs, free text). */
    queued: number;
    byReason: Record<string, number>;
    /** Items with at least one grade. */
    graded: number;
    /** Fields of cases whose reviewers disagree; they count in no human accuracy. */
    contested: number;
    /** Per field, agreement between reviewers on cases two or more of them graded (Cohen's kappa for two). */
    interRater: HumanSummary["agreement"];
  };
  /** Cases some model has no answer for (errors), per model. */
  unscored: Record<string, string[]>;
}

// Everything report.html draws, gathered from the store before rendering; the renderer is a pure function of it.
import type { RunSummary } from "../core/summary.js";
import type { Turn } from "../core/types.js";
import type { GateResult } from "../gate/types.js";
import type { Distribution } from "../scoring/sorted-stream.js";
import type { RecogniserAlignments } from "./alignments.js";
import type { HistoryRun } from "./history.js";

export interface Disagreement {
  caseId: string;
  field: string;
  transcript: string | Turn[];
  /** model id → the value it gave, or { invalid: [issues] } for an output that failed the schema. */
  values: Record<string, unknown>;
  gold?: unknown;
  /** model id → whether the field's matcher reads its value as the gold one (absent without gold). */
  matchesGold?: Record<string, boolean>;
  reason: "disagreement" | "invalid" | "free-text" | "wrong-vs-gold";
  /** What reviewers settled this field of this case to; absent when nobody graded it. */
  human?: HumanLabel;
}

/** Reviewers' label of a field of a case: a value, "no model is right", or contested (they disagree). */
export interface HumanLabel {
  verdict: "value" | "none" | "contested";
  /** The settled value (verdict "value" only). */
  value?: unknown;
  /** Who graded it, sorted. */
  reviewers: string[];
  /** model id → whether the field's matcher reads its value as the settled one (verdict "value" only). */
  matches?: Record<string, boolean>;
}

export interface ReportData {
  summary: RunSummary;
  /** The gate's decision, when the report is written by `callgrade gate`. */
  gate?: GateResult;
  /** model id → the latencies (ms) of its answered calls: percentiles, and an even sample to draw. */
  latencies: Record<string, Distribution>;
  /** model id → why outputs failed the schema (issue message or reason) → count. */
  schemaFailures: Record<string, Record<string, number>>;
  /** Pairwise agreement between models over all auto-scored fields: share of (case, field) with equal values. */
  pairwise: { a: string; b: string; rate: number | null; n: number }[];
  /** Cases where models disagree with each other or with gold, for the searchable table. */
  disagreements: Disagreement[];
  /** The suite's runs up to this one, oldest first (at most 30): the History section. */
  history?: HistoryRun[];
  /** Per speech recogniser, its worst calls aligned against the reference (runs with a voice stage). */
  alignments?: RecogniserAlignments[];
}

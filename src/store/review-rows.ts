// Row shapes of the review tables and the mapping between a Verdict and its columns.
import type { Verdict } from "../core/types.js";

/**
 * `unreadable`: a model gave a value its field's matcher could not read, so a person decides whether it is right.
 * `sampled`: drawn into a judge's priority sample (a matcher's field, no gold, models agreeing), so a person's
 * grade checks the judge.
 */
export type ReviewReason = "disagreement" | "invalid" | "free-text" | "unreadable" | "sampled";

/** A review item as the queue reads it; `modelValues` maps a model to its value, or `{ invalid: [...] }`. */
export interface StoredReviewItem {
  id: number;
  caseId: string;
  /** The case's position in the dataset. */
  caseIdx: number;
  field: string;
  reason: ReviewReason;
  priority: number;
  modelValues: Record<string, unknown>;
}

/** The items of one case, in schema-agnostic item id order. */
export interface StoredReviewCase {
  caseId: string;
  caseIdx: number;
  items: StoredReviewItem[];
}

/** A current (not undone) grade, for reports, agreement and gold export. */
export interface StoredGrade {
  id: number;
  itemId: number;
  caseId: string;
  field: string;
  reviewer: string;
  verdict: Verdict;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/** Who has a current grade on which item: the light view the queue needs. */
export interface GradeMark {
  itemId: number;
  reviewer: string;
}

export interface StoredNote {
  id: number;
  itemId: number;
  caseId: string;
  field: string;
  reviewer: string;
  text: string;
  createdAt: string;
}

export interface ItemRow {
  id: number;
  case_id: string;
  idx: number;
  field: string;
  reason: ReviewReason;
  priority: number;
  model_values: string;
}

export function itemFromRow(row: ItemRow): StoredReviewItem {
  return {
    id: row.id,
    caseId: row.case_id,
    caseIdx: row.idx,
    field: row.field,
    reason: row.reason,
    priority: row.priority,
    modelValues: JSON.parse(row.model_values),
  };
}

export interface VerdictColumns {
  verdict: Verdict["kind"];
  value: string | null;
  model_id: string | null;
  ratings: string | null;
  previous_gold: string | null;
}

/** JSON of a value; `undefined` is stored as SQL NULL and reads back as null. */
function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function parsed(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

export function verdictColumns(verdict: Verdict): VerdictColumns {
  const empty = { value: null, model_id: null, ratings: null, previous_gold: null };
  switch (verdict.kind) {
    case "pick":
      return { ...empty, verdict: "pick", value: json(verdict.value), model_id: verdict.modelId };
    case "edit":
      return { ...empty, verdict: "edit", value: json(verdict.value) };
    case "none":
      return { ...empty, verdict: "none" };
    case "gold":
      return {
        ...empty,
        verdict: "gold",
        value: json(verdict.value),
        previous_gold: json(verdict.previousGold),
      };
    case "rating":
      return { ...empty, verdict: "rating", ratings: JSON.stringify(verdict.ratings) };
  }
}

export function verdictFromColumns(row: VerdictColumns): Verdict {
  switch (row.verdict) {
    case "pick":
      return { kind: "pick", modelId: row.model_id ?? "", value: parsed(row.value) };
    case "edit":
      return { kind: "edit", value: parsed(row.value) };
    case "none":
      return { kind: "none" };
    case "gold":
      return { kind: "gold", value: parsed(row.value), previousGold: parsed(row.previous_gold) };
    case "rating":
      return { kind: "rating", ratings: JSON.parse(row.ratings ?? "{}") };
  }
}

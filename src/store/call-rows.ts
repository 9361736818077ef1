// A stored call as the rest of callgrade reads it, and how a row of the store becomes one.

/** A stored call with its validated output, as scoring and reports read it. */
export interface StoredCall {
  caseId: string;
  modelId: string;
  rep: number;
  status: "ok" | "error";
  errorKind: string | null;
  errorMessage: string | null;
  text: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costUsd: number | null;
  latencyMs: number;
  attempts: number;
  fromCache: boolean;
  valid: boolean | null;
  value: unknown;
  issues: { path: string; message: string; code: string }[];
}

/** A model's calls of one status and error kind, counted and summed by the store: what a summary counts. */
export interface CallTallyRow {
  modelId: string;
  status: "ok" | "error";
  errorKind: string | null;
  calls: number;
  cached: number;
  /** Answered calls whose output fit the schema. */
  valid: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** The priced calls' cost, summed. */
  cost: number;
  /** Calls without a cost (no price for the model). */
  unpriced: number;
}

/** An answered call's output, as scoring reads it. */
export type CallOutput = Pick<
  StoredCall,
  "caseId" | "modelId" | "rep" | "latencyMs" | "costUsd" | "valid" | "value" | "issues"
>;

/** One distinct error message of a model's failed calls of one kind, and how many calls failed with that kind. */
export interface FailureMessage {
  modelId: string;
  kind: string;
  /** Calls of this model that failed with this kind (every message). */
  count: number;
  /** The message's first characters; empty when the call stored none. */
  message: string;
  /** The message was longer than what is kept. */
  cut: boolean;
}

/** Most outputs have no issues: "[]" is not worth a parse each. */
export function parseIssues(issues: unknown): StoredCall["issues"] {
  return typeof issues === "string" && issues !== "[]" ? JSON.parse(issues) : [];
}

export function validity(valid: unknown): boolean | null {
  return valid === null || valid === undefined ? null : valid === 1;
}

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

/** A call's figures, without its text or output: what a summary counts. */
export type CallFigures = Omit<
  StoredCall,
  "caseId" | "errorMessage" | "text" | "attempts" | "value" | "issues"
> & {
  /** The issues of an output that failed the schema; empty for every other call. */
  failures: StoredCall["issues"];
};

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

export function toFigures(row: Record<string, unknown>): CallFigures {
  return {
    modelId: String(row.model_id),
    rep: Number(row.rep),
    status: row.status === "ok" ? "ok" : "error",
    errorKind: (row.error_kind as string | null) ?? null,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    cachedInputTokens: Number(row.cached_input_tokens),
    costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
    latencyMs: Number(row.latency_ms),
    fromCache: row.from_cache === 1,
    valid: validity(row.valid),
    failures: typeof row.failures === "string" ? JSON.parse(row.failures) : [],
  };
}

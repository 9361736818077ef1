// Shared types of a run. Nothing here knows about files, SDKs or terminals.

/** One speaker turn of a transcript. Times are seconds from the start of the call. */
export interface Turn {
  speaker: string;
  text: string;
  start?: number;
  end?: number;
}

/** One call of a dataset. */
export interface Case {
  id: string;
  transcript: string | Turn[];
  gold?: Record<string, unknown>;
  meta: Record<string, unknown>;
  audio?: string;
  /** Where the case came from, for error messages. */
  source: { file: string; line: number };
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
}

export const ERROR_KINDS = [
  "rate_limit",
  "timeout",
  "http",
  "network",
  "auth",
  "bad_request",
  "bad_response",
  "truncated",
  "refusal",
  "content_filter",
  "missing_case",
  "aborted",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A failed call, as data: one failure never stops a run. */
export interface CallError {
  kind: ErrorKind;
  message: string;
  status?: number;
  /** How long the provider asked us to wait before trying again. */
  retryAfterMs?: number;
  retryable: boolean;
  /** What the response's rate-limit headers said, when it sent any. */
  rateLimit?: RateLimit;
}

/** The tightest of a provider's rate limits, from its response headers (`x-ratelimit-*`, `anthropic-ratelimit-*`). */
export interface RateLimit {
  /** Requests (or tokens) left in the current window. */
  remaining?: number;
  /** Milliseconds until that window refills. */
  resetMs?: number;
}

/**
 * The rendered prompt. Every model gets exactly these strings: `stable` is the
 * cacheable prefix (instructions, schema, knowledge base), `variable` the
 * per-case rest (the transcript).
 */
export interface CompletionRequest {
  caseId: string;
  stable: string;
  variable: string;
  /** JSON Schema of the output (from z.toJSONSchema), for structured-output modes. */
  jsonSchema: Record<string, unknown>;
  schemaName: string;
}

export type CompletionResult =
  | {
      ok: true;
      text: string;
      usage: Usage;
      finishReason?: string;
      raw?: unknown;
      /** The provider's own latency (a replay's recorded one); when set, it wins over the wall clock. */
      latencyMs?: number;
      /** What the response's rate-limit headers said, when it sent any. */
      rateLimit?: RateLimit;
    }
  | { ok: false; error: CallError; usage?: Usage; raw?: unknown };

/** How one call is sent: its signal, and its deadline when the caller set one. */
export interface CallOptions {
  signal: AbortSignal;
  /**
   * Set when `signal` already fires at the call's deadline (aborting with a reason named "TimeoutError"):
   * the provider then adds no timer of its own. Without it, a provider keeps to its model's own limit.
   */
  timeoutMs?: number;
}

export interface Provider {
  readonly id: string;
  complete(request: CompletionRequest, options: CallOptions): Promise<CompletionResult>;
  /** Lets go of what the provider holds open (a file); called once when the run is done with it. */
  close?(): Promise<void>;
  /** The provider's batch API, when it has one (OpenAI's Batch API, Anthropic's Message Batches). */
  readonly batch?: BatchApi;
}

/** Where a provider's batch stands, in words every provider's batch is told in. */
export interface BatchState {
  /** The provider's id of the batch. */
  id: string;
  /** No request of it will be answered any more: its results can be read (completed, expired, cancelled). */
  ended: boolean;
  /** The provider's own word for its status ("in_progress", "finalizing", "ended", ...). */
  status: string;
  counts: { total: number; succeeded: number; failed: number };
  /** ISO 8601 times; expiresAt is when the provider gives up on the requests not yet answered. */
  createdAt: string;
  expiresAt: string | null;
  endedAt: string | null;
  /** Why the provider refused the batch as a whole (a bad file), when it did. */
  failure?: string;
}

/** One answered (or failed) request of a batch, by the id it was submitted under. */
export interface BatchResult {
  customId: string;
  result: CompletionResult;
}

/**
 * A provider's batch API: requests sent as one job, answered within its completion window outside the
 * per-minute limits, at a share of the price. Each call is a request to the provider's API, retried by the
 * SDK on a transient failure; a failure it could not mend rejects.
 */
export interface BatchApi {
  /** The most requests, and bytes of the batch file, in one batch. */
  readonly limits: { requests: number; bytes: number };
  /** The share of the normal price a batched call costs. */
  readonly discount: number;
  /** One request as a line of the batch file: JSON, without its newline. */
  line(customId: string, request: CompletionRequest): string;
  /** Sends a batch file of `count` lines. `tag` marks the batch, so a submission cut short can be found. */
  submit(file: string, count: number, tag: string): Promise<BatchState>;
  /**
   * The batch marked `tag` with `count` requests, created at `since` or later and not one of `known` (the
   * batches the store has already), when the provider has one.
   */
  find(
    tag: string,
    since: string,
    count: number,
    known: ReadonlySet<string>,
  ): Promise<BatchState | undefined>;
  state(id: string): Promise<BatchState>;
  /** Every result the ended batch has, in the provider's order. */
  results(id: string): AsyncIterable<BatchResult>;
  cancel(id: string): Promise<void>;
}

/** A zod issue, flattened for storage and display. */
export interface OutputIssue {
  path: string;
  message: string;
  code: string;
}

/** The validated output of one call. */
export type Output =
  | { ok: true; value: Record<string, unknown>; issues: [] }
  | { ok: false; value?: unknown; issues: OutputIssue[]; reason: "no_json" | "invalid_json" | "schema" };

/** How a field is compared; read from zod metadata or the field's type. */
export type MatchSpec =
  | { kind: "exact" }
  | { kind: "text" }
  | { kind: "number"; tolerance?: number }
  | { kind: "boolean" }
  | { kind: "enum" }
  | { kind: "phone"; region?: string }
  | { kind: "date" }
  | { kind: "time" }
  | { kind: "set"; of: MatchSpec }
  | { kind: "free-text"; rubric?: string };

export interface FieldSpec {
  /** Dotted path of the field in the output object. */
  name: string;
  match: MatchSpec;
}

/** Per-case context a matcher may need: the phone region, the call's date. */
export interface MatchContext {
  phoneRegion: string;
  /** ISO date (YYYY-MM-DD) the call took place, for relative dates ("tomorrow", "3月30日"). */
  referenceDate?: string;
}

/** Accuracy and friends for one model and one field. */
export interface FieldMetrics {
  accuracy: number | null;
  ci95: [number, number] | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Scored cases (cases with a gold label for this field). */
  n: number;
  correct: number;
  /**
   * Values the field's matcher could not read (where gold has a value): not in `n` nor any metric, and each
   * one queued for review. Absent when there are none.
   */
  unreadable?: number;
}

/** A reviewer's decision on one field of one case. */
export type Rating = { score: 1 | 2 | 3 | 4 | 5; pass: boolean };

export type Verdict =
  /** The value of this model is right (key 1..9). */
  | { kind: "pick"; modelId: string; value: unknown }
  /** The right value, typed by the reviewer and validated against the field's zod type (key e). */
  | { kind: "edit"; value: unknown }
  /** No model is right, and the right value is unknown (key x). */
  | { kind: "none" }
  /** The gold label is wrong; `value` is the corrected gold (key g). */
  | { kind: "gold"; value: unknown; previousGold: unknown }
  /** Free text: a rubric rating per model answer. */
  | { kind: "rating"; ratings: Record<string, Rating> };

// Turns whatever an SDK call threw into a CallError, the same way for every provider.
//
// Retryable or not: a fault of the service or the wire (429, 5xx, 408/409, timeouts, resets, a body that
// is not JSON or not a completion) may go away on its own, so the runner tries again. An answer the model
// did give, but that we cannot use (truncated at the token limit, a refusal, a content-filter block), is
// the model's behaviour on this input: the same request would most likely end the same way and cost as
// much again, so it is terminal and counted as that kind in the summary. Auth and bad requests need the
// user to fix something, so they are terminal too.
import type { CallError, CompletionResult, ErrorKind, RateLimit, Usage } from "../core/types.js";

type ErrorClass<T = Error> = abstract new (...args: never[]) => T;

/** The error classes of a Stainless-generated SDK (openai, @anthropic-ai/sdk), passed in by its provider. */
export interface SdkErrorClasses {
  APIError: ErrorClass<Error & { status: number | undefined; headers: Headers | undefined; error: unknown }>;
  APIConnectionError: ErrorClass;
  APIConnectionTimeoutError: ErrorClass;
  APIUserAbortError: ErrorClass;
}

/** Why the call's own signals fired: the caller aborted, or our deadline passed. */
export interface AbortState {
  aborted: boolean;
  timedOut: boolean;
  timeoutMs: number;
}

const MAX_MESSAGE = 500;

export function callError(
  kind: ErrorKind,
  message: string,
  retryable: boolean,
  extra: Pick<CallError, "status" | "retryAfterMs" | "rateLimit"> = {},
): CallError {
  return { kind, message: message.slice(0, MAX_MESSAGE), retryable, ...extra };
}

/** Milliseconds from `retry-after-ms`, or `retry-after` as seconds or an HTTP date. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const DURATION_UNITS_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * Milliseconds until a rate-limit window refills: OpenAI's Go-style durations ("1s", "6m0s", "250ms",
 * "1h2m3.5s"), a bare number of seconds, or Anthropic's RFC 3339 time ("2025-06-01T12:00:30Z").
 */
export function parseResetMs(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(text)) {
    let total = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
      total += Number(amount) * (DURATION_UNITS_MS[unit ?? "s"] ?? 1000);
    }
    return Math.round(total);
  }
  // Only a full date and time: Date.parse would also take "5" or "June" and guess.
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The limits a response reports: OpenAI's `x-ratelimit-{remaining,reset}-X`, Anthropic's `anthropic-ratelimit-X-{remaining,reset}`. */
const LIMIT_HEADERS: { remaining: string; reset: string }[] = [
  ...["requests", "tokens"].map((limit) => ({
    remaining: `x-ratelimit-remaining-${limit}`,
    reset: `x-ratelimit-reset-${limit}`,
  })),
  ...["requests", "tokens", "input-tokens", "output-tokens"].map((limit) => ({
    remaining: `anthropic-ratelimit-${limit}-remaining`,
    reset: `anthropic-ratelimit-${limit}-reset`,
  })),
];

/**
 * The tightest limit a response's headers report: the fewest left, and of those the latest reset, so
 * that a pause until then outlasts every exhausted window. Undefined when it sent none.
 */
export function parseRateLimit(headers: Headers | undefined, now = Date.now()): RateLimit | undefined {
  let tightest: RateLimit | undefined;
  for (const names of LIMIT_HEADERS) {
    const raw = headers?.get(names.remaining)?.trim();
    const remaining = raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
    if (remaining === undefined) continue;
    const resetMs = parseResetMs(headers?.get(names.reset), now);
    const limit: RateLimit = resetMs === undefined ? { remaining } : { remaining, resetMs };
    const current = tightest?.remaining;
    if (current === undefined || remaining < current) tightest = limit;
    else if (remaining === current && (resetMs ?? 0) > (tightest?.resetMs ?? 0)) tightest = limit;
  }
  return tightest;
}

/** Kind and retryability of an HTTP error status. */
export function classifyStatus(status: number): { kind: ErrorKind; retryable: boolean } {
  if (status === 429) return { kind: "rate_limit", retryable: true };
  if (status === 408 || status === 409 || status >= 500) return { kind: "http", retryable: true };
  if (status === 401 || status === 403) return { kind: "auth", retryable: false };
  if (status >= 400) return { kind: "bad_request", retryable: false };
  return { kind: "http", retryable: false };
}

export function statusError(status: number, message: string, headers: Headers | undefined): CallError {
  const { kind, retryable } = classifyStatus(status);
  // The APIs' own hint wins, as it does in the SDKs.
  const hint = headers?.get("x-should-retry");
  const retryAfterMs = parseRetryAfter(headers);
  const rateLimit = parseRateLimit(headers);
  return callError(kind, message, hint === "true" ? true : hint === "false" ? false : retryable, {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  });
}

function isBodyReadFailure(error: unknown): boolean {
  return (
    error instanceof TypeError && /terminated|fetch failed|other side closed|socket/i.test(error.message)
  );
}

/** The innermost cause says what happened ("other side closed", "ECONNREFUSED"); the outer ones don't. */
function rootCause(error: Error): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause instanceof Error; depth++) {
    current = current.cause;
  }
  const code = (current as { code?: unknown }).code;
  const message = current instanceof Error ? current.message : String(current);
  return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
}

/** The API's own words from an error body: OpenAI's `{ error: { message } }`, Anthropic's `{ error: { error: { message } } }`. */
export function apiMessage(body: unknown): string | undefined {
  let current = body;
  for (let depth = 0; depth < 3 && typeof current === "object" && current !== null; depth++) {
    const { message, error } = current as { message?: unknown; error?: unknown };
    if (typeof message === "string") return message;
    current = error;
  }
  return undefined;
}

/** A failed result for anything an SDK call threw; never throws itself. */
export function failureFrom(error: unknown, state: AbortState, sdk: SdkErrorClasses): CompletionResult {
  const text = error instanceof Error ? error.message : String(error);
  // Checked first: once a signal fired, the SDK's error only says "aborted" or "connection error".
  if (state.aborted) return { ok: false, error: callError("aborted", "the call was aborted", false) };
  if (state.timedOut || error instanceof sdk.APIConnectionTimeoutError) {
    return { ok: false, error: callError("timeout", `no answer within ${state.timeoutMs} ms`, true) };
  }
  if (error instanceof sdk.APIUserAbortError) {
    return { ok: false, error: callError("aborted", "the call was aborted", false) };
  }
  if (error instanceof sdk.APIConnectionError) {
    return { ok: false, error: callError("network", `connection failed: ${rootCause(error)}`, true) };
  }
  if (error instanceof sdk.APIError && error.status !== undefined) {
    const message = `${error.status} ${apiMessage(error.error) ?? text}`;
    return { ok: false, error: statusError(error.status, message, error.headers), raw: error.error };
  }
  if (error instanceof SyntaxError) {
    return { ok: false, error: callError("bad_response", `the response is not valid JSON: ${text}`, true) };
  }
  if (isBodyReadFailure(error) && error instanceof Error) {
    return { ok: false, error: callError("network", `connection failed: ${rootCause(error)}`, true) };
  }
  // Thrown before any request went out (a bad parameter the SDK refused): sending it again won't help.
  return { ok: false, error: callError("bad_request", text, false) };
}

/** The result with what the response's rate-limit headers said, on success and failure alike. */
export function withRateLimit(result: CompletionResult, headers: Headers | undefined): CompletionResult {
  const rateLimit = parseRateLimit(headers);
  if (rateLimit === undefined) return result;
  if (result.ok) return { ...result, rateLimit };
  return { ...result, error: { ...result.error, rateLimit } };
}

export function badResponse(message: string, raw: unknown): CompletionResult {
  return { ok: false, error: callError("bad_response", message, true), raw };
}

/** A call that ended with an answer we cannot use (truncated, refused, filtered): terminal, see the top. */
export function unusable(kind: ErrorKind, message: string, extra: { usage?: Usage; raw?: unknown }) {
  return { ok: false, error: callError(kind, message, false), ...extra } satisfies CompletionResult;
}

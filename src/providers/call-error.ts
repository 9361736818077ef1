// Turns whatever an SDK call threw into a CallError, the same way for every provider.
import type { CallError, CompletionResult, ErrorKind, Usage } from "../core/types.js";

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

function callError(
  kind: ErrorKind,
  message: string,
  retryable: boolean,
  extra: Pick<CallError, "status" | "retryAfterMs"> = {},
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
  return callError(kind, message, hint === "true" ? true : hint === "false" ? false : retryable, {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
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
function apiMessage(body: unknown): string | undefined {
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

export function badResponse(message: string, raw: unknown): CompletionResult {
  return { ok: false, error: callError("bad_response", message, true), raw };
}

/** A call that ended with an answer we cannot use (truncated, refused, filtered). */
export function unusable(kind: ErrorKind, message: string, extra: { usage?: Usage; raw?: unknown }) {
  return { ok: false, error: callError(kind, message, false), ...extra } satisfies CompletionResult;
}

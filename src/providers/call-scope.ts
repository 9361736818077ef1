// What every remote call needs around the SDK: a deadline, and keeping the API key out of results.

import { findJsonProblem, MAX_RAW_DEPTH } from "../core/json-limits.js";
import type { CompletionResult } from "../core/types.js";
import { type AbortState, failureFrom, type SdkErrorClasses } from "./call-error.js";

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Sent when a local OpenAI-compatible server needs no key; the SDKs refuse to start without one. */
export const NO_KEY_NEEDED = "not-needed";

export interface CallScope {
  /** Pass this to the SDK: it fires on the caller's abort and at the deadline. */
  signal: AbortSignal;
  state(): AbortState;
  dispose(): void;
}

/**
 * The SDKs' own `timeout` stops only at the response headers; this deadline also covers reading the
 * body, so a server that stalls mid-body cannot hold a call forever.
 */
export function callScope(signal: AbortSignal, timeoutMs: number): CallScope {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  return {
    signal: controller.signal,
    state: () => ({ aborted: signal.aborted, timedOut: timedOut && !signal.aborted, timeoutMs }),
    dispose: () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    },
  };
}

/** The result with every occurrence of the API key replaced, in the message and in `raw`. */
export interface SdkCall {
  timeoutMs: number;
  apiKey: string;
  /** The SDK's error classes, to classify what it throws. */
  sdk: SdkErrorClasses;
  send(signal: AbortSignal): Promise<unknown>;
  parse(response: unknown): CompletionResult;
}

/** One SDK request under the call's deadline; every outcome comes back as data, without the API key. */
export async function sdkCall(signal: AbortSignal, call: SdkCall): Promise<CompletionResult> {
  const scope = callScope(signal, call.timeoutMs);
  try {
    return redactKey(call.parse(await call.send(scope.signal)), call.apiKey);
  } catch (error) {
    return redactKey(failureFrom(error, scope.state(), call.sdk), call.apiKey);
  } finally {
    scope.dispose();
  }
}

export function redactKey(result: CompletionResult, apiKey: string | undefined): CompletionResult {
  if (!apiKey || apiKey === NO_KEY_NEEDED) return result;
  // Only the free text a provider sends back can echo the key; kinds and numbers stay untouched. A response
  // too deep to walk is kept as a note (redacting it would recurse past the stack; the answer's own text is
  // what validation reads).
  const raw = result.raw === undefined ? {} : { raw: redactIn(boundedRaw(result.raw), apiKey) };
  if (result.ok) return { ...result, text: redactIn(result.text, apiKey) as string, ...raw };
  return {
    ...result,
    error: { ...result.error, message: redactIn(result.error.message, apiKey) as string },
    ...raw,
  };
}

function boundedRaw(raw: unknown): unknown {
  if (!findJsonProblem(raw, { maxDepth: MAX_RAW_DEPTH })) return raw;
  return { omitted: `the response nests deeper than ${MAX_RAW_DEPTH} levels` };
}

/** Replaces the key inside string values only: object keys and the shape stay as they are. */
function redactIn(value: unknown, apiKey: string): unknown {
  if (typeof value === "string")
    return value.includes(apiKey) ? value.replaceAll(apiKey, "[redacted]") : value;
  if (Array.isArray(value)) return value.map((item) => redactIn(item, apiKey));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactIn(item, apiKey)]));
  }
  return value;
}

/** Tool and schema names both APIs accept: ^[a-zA-Z0-9_-]{1,64}$. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
  return cleaned === "" ? "output" : cleaned;
}

/** The schema without its `$schema` dialect marker, which is metadata and not a constraint. */
export function schemaBody(schema: Record<string, unknown>): Record<string, unknown> {
  if (!("$schema" in schema)) return schema;
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

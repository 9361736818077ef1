// What every remote call needs around the SDK: its one deadline, and keeping the API key out of results.

import { findJsonProblem, MAX_RAW_DEPTH } from "../core/json-limits.js";
import type { CallOptions, CompletionRequest, CompletionResult } from "../core/types.js";
import { type AbortState, failureFrom, type SdkErrorClasses } from "./call-error.js";

/** How long one attempt of a call may take, headers and body, when its model's config does not say. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Sent when a local OpenAI-compatible server needs no key; the SDKs refuse to start without one. */
export const NO_KEY_NEEDED = "not-needed";

/** The one place a call's time limit is read: the runner's deadline and a provider called on its own use it. */
export function callTimeoutMs(config: { timeoutMs?: number | undefined }): number {
  return config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}

/** The abort reason of a deadline: whoever holds the signal can tell a timeout from the caller's stop. */
export class DeadlineExceeded extends Error {
  override readonly name = "TimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

export interface Deadline {
  /** Fires on the caller's abort, with its reason, and at the deadline, with a DeadlineExceeded. */
  signal: AbortSignal;
  dispose(): void;
}

/**
 * One controller, one timer and one listener on the caller's signal: all a call needs. A plain controller and
 * a cleared timer, not the static AbortSignal helpers: their signals stay alive until the timer fires
 * (Node 20), which held hundreds of MB over a fast run of 200,000 calls.
 */
export function startDeadline(signal: AbortSignal, timeoutMs: number): Deadline {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(timeoutMs)), timeoutMs);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    },
  };
}

/** Why a call's signal fired, read from its reason. */
export function abortState(signal: AbortSignal, timeoutMs: number): AbortState {
  const timedOut = signal.aborted && signal.reason instanceof DeadlineExceeded;
  return { aborted: signal.aborted && !timedOut, timedOut, timeoutMs };
}

export interface SdkCall {
  /** The model's own limit, for a call that comes without a deadline. */
  timeoutMs: number;
  apiKey: string;
  /** The SDK's error classes, to classify what it throws. */
  sdk: SdkErrorClasses;
  /** Sends the request; `timeoutMs` is what is left of the deadline, for the SDK's own (backstop) timer. */
  send(signal: AbortSignal, timeoutMs: number): Promise<unknown>;
  parse(response: unknown): CompletionResult;
}

/**
 * One SDK request under the call's deadline; every outcome comes back as data, without the API key. The
 * caller's deadline (the runner's) is used as it is; only a call without one gets a deadline here.
 */
export async function sdkCall(options: CallOptions, call: SdkCall): Promise<CompletionResult> {
  const own = options.timeoutMs === undefined ? startDeadline(options.signal, call.timeoutMs) : undefined;
  const signal = own?.signal ?? options.signal;
  const timeoutMs = options.timeoutMs ?? call.timeoutMs;
  try {
    return redactKey(call.parse(await call.send(signal, timeoutMs)), call.apiKey);
  } catch (error) {
    return redactKey(failureFrom(error, abortState(signal, timeoutMs), call.sdk), call.apiKey);
  } finally {
    own?.dispose();
  }
}

/** The result with every occurrence of the API key replaced, in the message and in `raw`. */
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

/** Tells the SDKs a string body is JSON already, so they send it as it is. */
export const JSON_BODY = { "content-type": "application/json" } as const;

/**
 * `make`, run once per request object: the runner sends the same request on every attempt of a call, so its
 * body is built and serialised once. Weakly held: a body lives as long as its call's request.
 */
export function oncePerRequest<T>(
  make: (request: CompletionRequest) => T,
): (request: CompletionRequest) => T {
  const made = new WeakMap<CompletionRequest, T>();
  return (request) => {
    const known = made.get(request);
    if (known !== undefined) return known;
    const value = make(request);
    made.set(request, value);
    return value;
  };
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

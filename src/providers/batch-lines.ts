// What both providers' batch APIs share: results read a line at a time from a download, and the failures a
// batch gives a request, in the error kinds a normal call's failures have.
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { ReadableStream as WebStream } from "node:stream/web";
import type { CompletionResult } from "../core/types.js";
import { apiMessage, callError, statusError } from "./call-error.js";

/** The lines of a download, one at a time, however large it is; blank lines skipped. */
export async function* downloadLines(body: ReadableStream<Uint8Array> | null): AsyncGenerator<string> {
  if (!body) return;
  const lines = createInterface({
    input: Readable.fromWeb(body as WebStream<Uint8Array>),
    crlfDelay: Infinity,
  });
  for await (const line of lines) if (line.trim() !== "") yield line;
}

/** A request the provider answered with an HTTP error inside the batch: as the same status would be alone. */
export function statusFailure(status: number, body: unknown): CompletionResult {
  return {
    ok: false,
    error: statusError(status, `${status} ${apiMessage(body) ?? "error"}`, undefined),
    raw: body,
  };
}

/** A request the batch never ran: it expired first (retryable, as a timeout is) or was cancelled. */
export function notRun(why: "expired" | "canceled"): CompletionResult {
  return why === "expired"
    ? { ok: false, error: callError("timeout", "the batch expired before this request ran", true) }
    : { ok: false, error: callError("aborted", "the batch was cancelled before this request ran", true) };
}

/** A seconds-since-epoch time (OpenAI's) as ISO 8601, or null. */
export function isoFromSeconds(seconds: number | null | undefined): string | null {
  return typeof seconds === "number" ? new Date(seconds * 1000).toISOString() : null;
}

/**
 * How long batch requests (uploads, polls, downloads) may take, and how often the SDK retries them. They use
 * the platform's fetch, not the lean one normal calls use: that one reads a whole body before answering, and
 * a result file is read a line at a time.
 */
export const BATCH_CLIENT = { timeout: 10 * 60_000, maxRetries: 4 } as const;

/**
 * Whether a batch request's failure may pass: a connection cut (a download ended early), a timeout, a 5xx, a
 * 408, 409 or 429. A 4xx otherwise (a bad key, an unknown batch) will not, and stops the run.
 */
export function isTransient(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== "number") return true;
  return status >= 500 || status === 408 || status === 409 || status === 429;
}

/** `send` again after a transient failure, as the SDKs retry their own requests: 1 s, 2 s, 4 s apart. */
export async function withRetries<T>(send: () => Promise<T>, retries = BATCH_CLIENT.maxRetries): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= retries || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
    }
  }
}

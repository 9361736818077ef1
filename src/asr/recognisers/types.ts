// What a speech recogniser is to the rest of callgrade: an audio file in, a transcript out, and a failure
// as data (the run's error kinds, plus `audio`), so one bad file never stops a run.
import type { CallError, CallOptions, ErrorKind, RateLimit } from "../../core/types.js";

export interface RecogniseRequest {
  caseId: string;
  /** Absolute path of the audio file. */
  audioPath: string;
}

/** The run's error kinds, plus `audio`: the file is missing, unreadable or in a format the recogniser cannot take. */
export type RecogniseErrorKind = ErrorKind | "audio";

/** A failed recognition. `retryable` means as it does for a model call; an `audio` error never is. */
export type RecogniseError = Omit<CallError, "kind"> & { kind: RecogniseErrorKind };

/**
 * `latencyMs` is the time spent on this file, not time queued behind others: a pocketsphinx decoder's
 * from being handed the file to its hypothesis (a cold start included), a replay's as recorded.
 */
export type RecogniseResult =
  | { ok: true; text: string; latencyMs: number; rateLimit?: RateLimit }
  | { ok: false; error: RecogniseError; latencyMs: number };

/** How the runner sends a recogniser's files, from its config; what is left out takes the run's defaults. */
export interface RecogniserLimits {
  /** The deadline of one attempt; left out, none: a local decoder's time grows with the audio. */
  timeoutMs?: number;
  /** Attempts after the first. */
  maxRetries?: number;
  /** Most files in flight to this recogniser, and where its adaptive limit starts. */
  concurrency?: number;
}

export interface Recogniser {
  readonly id: string;
  /** Provider, model and settings (never a key), hashed into the cache key: equal fingerprints, equal transcripts. */
  readonly fingerprint: string;
  /** How the runner sends its files (deadline, retries, concurrency). */
  readonly limits?: RecogniserLimits;
  /** With `timeoutMs`, `signal` fires at that deadline already, and the recogniser adds no timer of its own. */
  recognise(request: RecogniseRequest, options: CallOptions): Promise<RecogniseResult>;
  /** Stops what the recogniser keeps running (warm decoder processes); queued requests come back aborted. */
  close?(): Promise<void>;
}

/** Milliseconds since `started` (a `performance.now()` reading), rounded. */
export function since(started: number): number {
  return Math.round(performance.now() - started);
}

/** A failed result; only the run's transient kinds are retried, so the default is terminal. */
export function failed(
  kind: RecogniseErrorKind,
  message: string,
  started: number,
  retryable = false,
): RecogniseResult {
  return { ok: false, error: { kind, message, retryable }, latencyMs: since(started) };
}

export function aborted(started: number): RecogniseResult {
  return failed("aborted", "the call was aborted", started);
}

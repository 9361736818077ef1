// Typed events a run emits; the progress display, the console and tests listen.
import type { ErrorKind } from "../core/types.js";

export type RunEvent =
  | { type: "run-started"; runId: string; totalCalls: number; models: string[]; cases: number }
  | { type: "model-skipped"; modelId: string; reason: string }
  | {
      type: "call-finished";
      modelId: string;
      caseId: string;
      rep: number;
      ok: boolean;
      valid: boolean | null;
      fromCache: boolean;
      errorKind?: ErrorKind;
      attempts: number;
    }
  | {
      type: "call-retrying";
      modelId: string;
      caseId: string;
      attempt: number;
      delayMs: number;
      errorKind: ErrorKind;
    }
  /**
   * A model's (or a recogniser's, under its id) in-flight limit changed: halved after a 429, or grown back
   * by one after a run of successes (never above its configured concurrency).
   */
  | { type: "concurrency-changed"; modelId: string; limit: number }
  | { type: "run-finished"; runId: string; status: "finished" | "interrupted" }
  /** The judge stage: `answers` free-text answers go to the judge, its calls finishing under its id. */
  | { type: "judge-started"; judgeId: string; answers: number }
  /** The voice stage: `files` audio files (cases with audio) go through each recogniser. */
  | { type: "recognition-started"; recognisers: string[]; files: number }
  /** A file's recognition failed in a way that may go away; it is sent again after `delayMs`. */
  | {
      type: "recognition-retrying";
      recogniser: string;
      caseId: string;
      attempt: number;
      delayMs: number;
      errorKind: string;
    }
  /**
   * The store lost its connection (a database server restarting, unreachable): answered calls are held, and
   * written again after `delayMs`; `attempt` counts the waits of this outage.
   */
  | { type: "store-waiting"; attempt: number; delayMs: number; message: string }
  /** The store took the held calls after `waitedMs`. */
  | { type: "store-back"; waitedMs: number }
  /** A batch of `requests` calls went to the model's provider; it answers by `expiresAt` at the latest. */
  | { type: "batch-submitted"; modelId: string; batchId: string; requests: number; expiresAt: string | null }
  /** What the provider says of a batch when polled. */
  | {
      type: "batch-status";
      modelId: string;
      batchId: string;
      status: string;
      total: number;
      succeeded: number;
      failed: number;
      expiresAt: string | null;
    }
  /** Polling or reading a batch failed on the way (`message`); the next poll tries again. */
  | { type: "batch-retrying"; modelId: string; batchId: string; message: string }
  /** An ended batch's results are stored: `results` of them (the rest failed the batch, and go again). */
  | { type: "batch-collected"; modelId: string; batchId: string; results: number }
  | {
      type: "recognition-finished";
      recogniser: string;
      caseId: string;
      ok: boolean;
      errorKind?: string;
    };

export type RunListener = (event: RunEvent) => void;

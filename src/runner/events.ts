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
  | { type: "run-finished"; runId: string; status: "finished" | "interrupted" };

export type RunListener = (event: RunEvent) => void;

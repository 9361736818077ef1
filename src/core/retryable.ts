import type { RunSummary } from "./summary.js";

/** Errors a resume sends again: the provider may answer now. Everything else is settled. */
export const RETRYABLE_ON_RESUME = [
  "rate_limit",
  "timeout",
  "http",
  "network",
  "bad_response",
  "aborted",
] as const;

/** Whether some model of the run has calls a resume would send again. */
export function hasRetryableFailures(summary: RunSummary): boolean {
  const kinds: readonly string[] = RETRYABLE_ON_RESUME;
  return summary.models.some((model) => Object.keys(model.errorsByKind).some((kind) => kinds.includes(kind)));
}

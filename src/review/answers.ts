// Reads a review item's stored model values (modelId → value, or { invalid: issues }) as model answers.
import type { ModelAnswer } from "./types.js";

/** The schema issues when a stored model value marks an invalid output; undefined for a real value. */
export function invalidIssues(raw: unknown): string[] | undefined {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const keys = Object.keys(raw);
  const issues = (raw as { invalid?: unknown }).invalid;
  if (keys.length !== 1 || !Array.isArray(issues)) return undefined;
  return issues.every((issue) => typeof issue === "string") ? issues : undefined;
}

/** Answers in the run's model order (so key 1 is always the same model), unknown models last by id. */
export function answersOf(modelValues: Record<string, unknown>, modelOrder: string[]): ModelAnswer[] {
  const rank = (id: string) => {
    const index = modelOrder.indexOf(id);
    return index === -1 ? modelOrder.length : index;
  };
  return Object.keys(modelValues)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((modelId) => {
      const raw = modelValues[modelId];
      const invalid = invalidIssues(raw);
      return invalid ? { modelId, value: null, invalid } : { modelId, value: raw ?? null };
    });
}

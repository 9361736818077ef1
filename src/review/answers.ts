// Reads a review item's stored model values (modelId → value, or { invalid: issues }) as model answers.
import { invalidIssues } from "../store/index.js";
import type { ModelAnswer } from "./types.js";

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

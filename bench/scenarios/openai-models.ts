// The three openai-provider models of the server scenarios, all pointing at the bench's loopback server.
import type { ModelConfig } from "../../src/config/schema.js";

export function openaiModels(baseURL: string): ModelConfig[] {
  return [1, 2, 3].map((n) => ({
    id: `m${n}`,
    provider: "openai",
    model: `fake-${n}`,
    baseURL,
    timeoutMs: 30_000,
  }));
}

/** Calls that got an answer, over every model of a run. */
export function answered(summary: { models: { calls: number; errors: number }[] }): number {
  return summary.models.reduce((sum, model) => sum + model.calls - model.errors, 0);
}

import type { ConfigInput } from "./schema.js";

/**
 * Types a callgrade config. Returns its argument unchanged.
 *
 * @example
 * export default defineConfig({
 *   name: "clinic-appointments",
 *   dataset: "datasets/calls.jsonl",
 *   prompt: "prompts/extract.md",
 *   schema: Appointment,
 *   models: [{ id: "gpt-4.1-mini", provider: "openai", model: "gpt-4.1-mini" }],
 * });
 */
export function defineConfig(config: ConfigInput): ConfigInput {
  return config;
}

// The models of a suite: one schema per provider, parsed with zod; the types come from them.
import { z } from "zod";

const price = z
  .object({
    /** USD per million input tokens. */
    inputPerMTok: z.number().nonnegative(),
    /** USD per million output tokens. */
    outputPerMTok: z.number().nonnegative(),
    /** USD per million cached input tokens. @default inputPerMTok */
    cachedInputPerMTok: z.number().nonnegative().optional(),
  })
  .strict();

/** The options every model entry has, whatever its provider: a provider's own schema spreads them in. */
export const modelCommon = {
  /** Name of this model in reports; unique within the suite. */
  id: z
    .string()
    .min(1)
    .regex(/^[\w.:@/-]+$/, "use letters, digits and . _ - : @ / only"),
  /** Most calls in flight to this model. @default the suite's concurrency */
  concurrency: z.number().int().positive().optional(),
  /** Per-call timeout in milliseconds. @default 60000 */
  timeoutMs: z.number().int().positive().optional(),
  /**
   * Retries of a failed call (rate limit, 5xx, timeout, connection reset), with exponential backoff and jitter;
   * `retry-after` is honoured, and a 429 pauses the whole model. @default 4
   */
  maxRetries: z.number().int().nonnegative().optional(),
  /**
   * Prices in USD per million tokens, overriding the built-in price table; without either, the model's
   * `costUsd` is `null`. @default the built-in price table
   * @example price: { inputPerMTok: 3, outputPerMTok: 15 }
   */
  price: price.optional(),
};

const remote = {
  ...modelCommon,
  /** The provider's model name. @example model: "gpt-4.1-mini" */
  model: z.string().min(1),
  /**
   * Which environment variable holds the API key; a model whose key is missing is skipped with a note.
   * @default OPENAI_API_KEY (openai), ANTHROPIC_API_KEY (anthropic)
   */
  apiKeyEnv: z.string().min(1).optional(),
  /**
   * Base URL of the API, e.g. an OpenAI-compatible server: Ollama, vLLM, llama.cpp, LM Studio (no key needed).
   * @default the provider's
   * @example baseURL: "http://localhost:11434/v1"
   */
  baseURL: z.string().url().optional(),
  /** Extra request parameters (temperature, max_tokens, ...). @default none */
  params: z.record(z.string(), z.unknown()).optional(),
  /**
   * Whether the suite's `redact` applies to this model; `false` sends it the real values, e.g. a local
   * model behind `baseURL` whose prompts never leave the machine.
   * @default true
   * @example { id: "llama-local", provider: "openai", model: "llama3.1", baseURL: "http://localhost:11434/v1", redact: false }
   */
  redact: z.boolean().optional(),
  /**
   * Send this model's calls through the provider's batch API (OpenAI's Batch API, Anthropic's Message
   * Batches): answered within 24 hours at half the price, outside the per-minute limits. `callgrade run`
   * submits them and waits for the results; with `--no-wait` it submits and exits, and `callgrade run
   * --resume` collects them later. `run --batch` does this for every OpenAI and Anthropic model.
   * @default false
   */
  batch: z.boolean().optional(),
};

export const openaiModel = z
  .object({
    ...remote,
    /** The OpenAI API, or any OpenAI-compatible server at `baseURL`. */
    provider: z.literal("openai"),
    /**
     * How the output is asked for: `json_schema` (structured outputs; strict when the schema allows),
     * `json_object`, or `text`. @default "json_schema"
     */
    mode: z.enum(["json_schema", "json_object", "text"]).optional(),
  })
  .strict();

export const anthropicModel = z
  .object({
    ...remote,
    /** Anthropic's API (or a compatible server at `baseURL`). */
    provider: z.literal("anthropic"),
    /** How the output is asked for: `tool` (the schema as the tool's `input_schema`) or `text`. @default "tool" */
    mode: z.enum(["tool", "text"]).optional(),
  })
  .strict();

export const replayModel = z
  .object({
    ...modelCommon,
    /** Outputs recorded earlier (production logs, another pipeline), read from `path`; never cached. */
    provider: z.literal("replay"),
    /** JSONL file of `{ "id": "<case id>", "output": <object or raw text> }` rows. */
    path: z.string().min(1),
  })
  .strict();

export const customModel = z
  .object({
    ...modelCommon,
    /** A module of your own, named by `path`: your pipeline, a local model, rules; never cached. */
    provider: z.literal("custom"),
    /**
     * A module (TypeScript or JavaScript) whose default export answers one call: your own pipeline, a local
     * model, a rule-based baseline. It gets `{ caseId, system, user, jsonSchema, signal }` (the prompt's stable
     * and per-case parts) and returns the model's text, or the parsed object. A throw is an error of that call.
     * Its answers are not cached: callgrade cannot see what the module depends on.
     * @example { id: "rules", provider: "custom", path: "./extractor.ts" }
     */
    path: z.string().min(1),
  })
  .strict();

export const modelConfig = z.discriminatedUnion("provider", [
  openaiModel,
  anthropicModel,
  replayModel,
  customModel,
]);

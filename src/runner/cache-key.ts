import type { ModelConfig } from "../config/schema.js";
import { sha256, stableStringify } from "../core/hash.js";
import type { CompletionRequest } from "../core/types.js";
import { providerOf } from "../providers/index.js";

// Run limits and where the key comes from change how a call is made, not what it answers.
// A batched call is the same request as a normal one: either answers the other from the cache.
const NOT_SHAPING = new Set([
  "id",
  "concurrency",
  "timeoutMs",
  "maxRetries",
  "price",
  "apiKeyEnv",
  "redact",
  "batch",
]);

/** What of the model's entry shapes its answers: as its provider declares, else the entry less its limits. */
function shapeOf(model: ModelConfig): Record<string, unknown> {
  const descriptor = providerOf(model.provider);
  if (descriptor.cacheShape) return descriptor.cacheShape(model);
  return Object.fromEntries(Object.entries(model).filter(([key]) => !NOT_SHAPING.has(key)));
}

// The stable prefix and the schema are the same for every call of a model: hashed once, not per call.
const prefixes = new WeakMap<ModelConfig, Map<string, string>>();

/**
 * Everything that shapes the answer, and nothing that does not (no API key, no case id):
 * the same prompt to the same model with the same parameters is the same request.
 * With `repeat` > 1 each repetition is its own request, or repeats would measure nothing.
 */
export function cacheKey(
  model: ModelConfig,
  request: CompletionRequest,
  rep: number,
  repeat: number,
): string {
  let byStable = prefixes.get(model);
  if (!byStable) {
    byStable = new Map();
    prefixes.set(model, byStable);
  }
  let prefix = byStable.get(request.stable);
  if (prefix === undefined) {
    prefix = sha256(
      stableStringify({ ...shapeOf(model), stable: request.stable, schema: request.jsonSchema }),
    );
    byStable.set(request.stable, prefix);
  }
  return sha256(`${prefix}\u0000${request.variable}\u0000${repeat > 1 ? rep : 0}`);
}

import type { ModelConfig } from "../config/schema.js";
import { sha256, stableStringify } from "../core/hash.js";
import type { CompletionRequest } from "../core/types.js";

function shapeOf(model: ModelConfig): Record<string, unknown> {
  return model.provider === "replay" || model.provider === "custom"
    ? { provider: model.provider, path: model.path }
    : {
        provider: model.provider,
        model: model.model,
        baseURL: model.baseURL ?? null,
        mode: model.mode ?? null,
        params: model.params ?? {},
      };
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

import type { ModelConfig } from "../config/schema.js";
import { sha256, stableStringify } from "../core/hash.js";
import type { CompletionRequest } from "../core/types.js";

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
  const shape =
    model.provider === "replay"
      ? { provider: model.provider, path: model.path }
      : {
          provider: model.provider,
          model: model.model,
          baseURL: model.baseURL ?? null,
          mode: model.mode ?? null,
          params: model.params ?? {},
        };
  return sha256(
    stableStringify({
      ...shape,
      stable: request.stable,
      variable: request.variable,
      schema: request.jsonSchema,
      rep: repeat > 1 ? rep : 0,
    }),
  );
}

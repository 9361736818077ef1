// The provider registry: a new provider is one file and one line in PROVIDERS.
import { resolve } from "node:path";
import type { AnthropicModelConfig, ModelConfig, OpenAIModelConfig } from "../config/schema.js";
import type { Provider } from "../core/types.js";
import { resolveApiKey } from "./api-key.js";
import { createReplayProvider } from "./replay.js";

export { costUsd, lookupPrice, type Price, priceFor } from "./prices.js";
export { isStrictCompatible } from "./strict-schema.js";

export interface ProviderContext {
  /** Directory relative paths in the config (a replay file) are resolved against. */
  baseDir: string;
  env: NodeJS.ProcessEnv;
}

/** A model left out of the run, with the reason to show the user. */
export interface Skipped {
  skipped: string;
}

type Factory<C extends ModelConfig> = (config: C, ctx: ProviderContext) => Promise<Provider | Skipped>;
type Registry = { [K in ModelConfig["provider"]]: Factory<Extract<ModelConfig, { provider: K }>> };

const DEFAULT_KEY_ENV = { openai: "OPENAI_API_KEY", anthropic: "ANTHROPIC_API_KEY" } as const;

/** Finds the API key; with none, a custom baseURL (a local server) gets a placeholder, the real API a skip. */
function remote<C extends OpenAIModelConfig | AnthropicModelConfig>(
  load: () => Promise<(config: C, env: { apiKey?: string }) => Provider>,
): Factory<C> {
  return async (config, ctx) => {
    const key = resolveApiKey(config, DEFAULT_KEY_ENV[config.provider], ctx.env);
    return "skipped" in key ? key : (await load())(config, key);
  };
}

// An SDK is loaded when a model needs it: the two together are ~35 MB, which a replay-only run, a report or a
// review session would carry for nothing.
export const PROVIDERS: Registry = {
  openai: remote(async () => (await import("./openai.js")).createOpenAIProvider),
  anthropic: remote(async () => (await import("./anthropic.js")).createAnthropicProvider),
  replay: (config, ctx) => createReplayProvider(config, resolve(ctx.baseDir, config.path)),
  custom: async (config, ctx) =>
    (await import("./custom.js")).createCustomProvider(config, resolve(ctx.baseDir, config.path)),
};

export function isSkipped(value: Provider | Skipped): value is Skipped {
  return "skipped" in value;
}

/**
 * The provider for one model of the config. Rejects only on bad input (a replay file that does not
 * load: CallgradeError REPLAY_INVALID); a missing API key is a skip, not an error.
 */
export function createProvider(config: ModelConfig, ctx: ProviderContext): Promise<Provider | Skipped> {
  const factory = PROVIDERS[config.provider] as Factory<ModelConfig>;
  return factory(config, ctx);
}

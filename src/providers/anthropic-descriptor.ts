// The Anthropic provider as the registry sees it; the SDK and the calls live in ./anthropic.ts, loaded on first use.
import { anthropicModel } from "../config/schema.js";
import { withApiKey } from "./api-key.js";
import { defineProvider } from "./descriptor.js";

export const anthropicProvider = defineProvider({
  kind: "anthropic",
  configSchema: anthropicModel,
  capabilities: { remote: true, priced: true, cacheable: true, input: "transcript" },
  create: withApiKey(
    "ANTHROPIC_API_KEY",
    async () => (await import("./anthropic.js")).createAnthropicProvider,
  ),
  cacheShape: (config) => ({
    provider: config.provider,
    model: config.model,
    baseURL: config.baseURL ?? null,
    mode: config.mode ?? null,
    params: config.params ?? {},
  }),
});

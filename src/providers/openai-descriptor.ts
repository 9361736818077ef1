// The OpenAI provider as the registry sees it; the SDK and the calls live in ./openai.ts, loaded on first use.
import { openaiModel } from "../config/schema.js";
import { withApiKey } from "./api-key.js";
import { defineProvider } from "./descriptor.js";

export const openaiProvider = defineProvider({
  kind: "openai",
  configSchema: openaiModel,
  capabilities: { remote: true, priced: true, cacheable: true, input: "transcript" },
  create: withApiKey("OPENAI_API_KEY", async () => (await import("./openai.js")).createOpenAIProvider),
  cacheShape: (config) => ({
    provider: config.provider,
    model: config.model,
    baseURL: config.baseURL ?? null,
    mode: config.mode ?? null,
    params: config.params ?? {},
  }),
});

// The remote providers as the shared suite sees them: each built against the fake API.
import type { Provider } from "../../src/core/types.js";
import { createAnthropicProvider } from "../../src/providers/anthropic.js";
import { createOpenAIProvider } from "../../src/providers/openai.js";
import type { FakeApi, FakeApiKind } from "./fake-api.js";

export interface TargetOptions {
  timeoutMs?: number;
  apiKey?: string;
}

export interface ProviderTarget {
  api: FakeApiKind;
  make(fake: FakeApi, options?: TargetOptions): Provider;
}

export const TEST_KEY = "sk-test-0123456789abcdef";

export const PROVIDER_TARGETS: ProviderTarget[] = [
  {
    api: "openai",
    make: (fake, options = {}) =>
      createOpenAIProvider(
        {
          id: "openai-test",
          provider: "openai",
          model: "gpt-4.1-mini",
          baseURL: fake.openaiBaseURL,
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        },
        { apiKey: options.apiKey ?? TEST_KEY },
      ),
  },
  {
    api: "anthropic",
    make: (fake, options = {}) =>
      createAnthropicProvider(
        {
          id: "anthropic-test",
          provider: "anthropic",
          model: "claude-haiku-4-5",
          baseURL: fake.anthropicBaseURL,
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        },
        { apiKey: options.apiKey ?? TEST_KEY },
      ),
  },
];

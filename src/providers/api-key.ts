// Which API key a remote model or recogniser uses: one rule for every one of them.
import type { Provider } from "../core/types.js";
import { NO_KEY_NEEDED } from "./call-scope.js";
import type { Skipped } from "./descriptor.js";

/**
 * The key from the environment variable the config names (or the provider's default). Without one, a custom
 * `baseURL` (a local server) gets a placeholder, and the provider's own API is a skip with what to set.
 */
export function resolveApiKey(
  config: { apiKeyEnv?: string | undefined; baseURL?: string | undefined },
  defaultEnv: string,
  env: NodeJS.ProcessEnv,
): { apiKey: string } | { skipped: string } {
  const name = config.apiKeyEnv ?? defaultEnv;
  const apiKey = env[name]?.trim();
  if (apiKey) return { apiKey };
  if (config.baseURL) return { apiKey: NO_KEY_NEEDED };
  const hint = config.apiKeyEnv ? name : `${name} (or apiKeyEnv)`;
  return { skipped: `no API key: set ${hint} to include it` };
}

/**
 * A remote provider's `create`: finds the key first, so a model without one is a skip, and only then loads the
 * implementation (and its SDK).
 */
export function withApiKey<C extends { apiKeyEnv?: string | undefined; baseURL?: string | undefined }>(
  defaultEnv: string,
  load: () => Promise<(config: C, env: { apiKey?: string }) => Provider>,
): (config: C, ctx: { env: NodeJS.ProcessEnv }) => Promise<Provider | Skipped> {
  return async (config, ctx) => {
    const key = resolveApiKey(config, defaultEnv, ctx.env);
    return "skipped" in key ? key : (await load())(config, key);
  };
}

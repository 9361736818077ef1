// The providers as the rest of callgrade sees them: the registry (./registry.ts) and what a provider declares.
import type { ModelConfig } from "../config/schema.js";
import type { Provider } from "../core/types.js";
import type { ProviderContext, Skipped } from "./descriptor.js";
import { providerOf } from "./registry.js";

export {
  defineProvider,
  type ProviderCapabilities,
  type ProviderContext,
  type ProviderDescriptor,
  type Skipped,
} from "./descriptor.js";
export { costUsd, lookupPrice, type Price, priceFor } from "./prices.js";
export {
  BUILT_IN_PROVIDERS,
  capabilitiesOf,
  findProvider,
  modelEntrySchema,
  providerOf,
  registerProvider,
} from "./registry.js";
export { isStrictCompatible } from "./strict-schema.js";

export function isSkipped(value: Provider | Skipped): value is Skipped {
  return "skipped" in value;
}

/**
 * The provider for one model of the config. Rejects only on bad input (a replay file that does not
 * load: CallgradeError REPLAY_INVALID); a missing API key is a skip, not an error.
 */
export function createProvider(config: ModelConfig, ctx: ProviderContext): Promise<Provider | Skipped> {
  return providerOf(config.provider).create(config, ctx);
}

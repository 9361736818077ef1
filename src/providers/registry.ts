// The provider registry: a new provider is one file (its descriptor) and one line in BUILT_IN_PROVIDERS.
import { z } from "zod";
import { anthropicProvider } from "./anthropic-descriptor.js";
import { customProvider } from "./custom.js";
import type { ProviderCapabilities, ProviderDescriptor } from "./descriptor.js";
import { openaiProvider } from "./openai-descriptor.js";
import { replayProvider } from "./replay.js";

export const BUILT_IN_PROVIDERS: readonly ProviderDescriptor[] = [
  openaiProvider,
  anthropicProvider,
  replayProvider,
  customProvider,
];

const registered = new Map(BUILT_IN_PROVIDERS.map((descriptor) => [descriptor.kind, descriptor]));
let modelSchema: z.ZodType | undefined;

/**
 * Adds a provider defined outside this folder (a test's, a plugin's); returns what removes it again. Its
 * entries parse and run like the built-in ones', but `defineConfig`'s types know only the built-in kinds.
 */
export function registerProvider(descriptor: ProviderDescriptor): () => void {
  if (registered.has(descriptor.kind)) throw new Error(`provider "${descriptor.kind}" is registered already`);
  registered.set(descriptor.kind, descriptor);
  modelSchema = undefined;
  return () => {
    if (registered.get(descriptor.kind) !== descriptor) return;
    registered.delete(descriptor.kind);
    modelSchema = undefined;
  };
}

/** The descriptor of a provider kind, or undefined for one not registered (say, in a baseline from elsewhere). */
export function findProvider(kind: string): ProviderDescriptor | undefined {
  return registered.get(kind);
}

/** The descriptor of a kind the config was parsed with, so a registered one. */
export function providerOf(kind: string): ProviderDescriptor {
  const descriptor = registered.get(kind);
  if (!descriptor) throw new Error(`no provider "${kind}" is registered`);
  return descriptor;
}

export function capabilitiesOf(kind: string): ProviderCapabilities {
  return providerOf(kind).capabilities;
}

/** A model entry of the config: one of the registered providers' schemas, told apart by `provider`. */
export function modelEntrySchema(): z.ZodType {
  if (!modelSchema) {
    const [first, ...rest] = [...registered.values()].map((descriptor) => descriptor.configSchema);
    if (!first) throw new Error("no provider is registered");
    modelSchema = z.discriminatedUnion("provider", [first, ...rest]);
  }
  return modelSchema;
}

// What a provider declares about itself, so the rest of callgrade asks these answers instead of its name.
import type { z } from "zod";
import type { Provider } from "../core/types.js";

export interface ProviderContext {
  /** Directory relative paths in the config (a replay file) are resolved against. */
  baseDir: string;
  env: NodeJS.ProcessEnv;
}

/** A model left out of the run, with the reason to show the user. */
export interface Skipped {
  skipped: string;
}

export interface ProviderCapabilities {
  /**
   * The prompt may leave the machine, so the suite's `redact` applies (unless the model sets `redact: false`).
   * A custom module counts as remote: callgrade cannot see where it sends what it is given.
   */
  remote: boolean;
  /** The built-in price table knows its `model` names; without it a model costs something only with `price` set. */
  priced: boolean;
  /** The same request gets the same answer, so an answer stored once may be served again. */
  cacheable: boolean;
  /**
   * What an answer is made from: the transcript it is sent (so the model also runs on each recogniser's
   * transcripts), or an answer recorded earlier for the case, whose latency and usage are the recording's.
   */
  input: "transcript" | "recorded";
}

/**
 * One provider: its `provider` value in the config, the zod schema of its model entries, what it is, and how
 * to make one. Keep the file that declares it light: a heavy implementation (an SDK) is imported inside
 * `create`, so a run that does not use the provider never loads it.
 */
export interface ProviderDescriptor<S extends z.ZodObject = z.ZodObject> {
  kind: string;
  /** A model entry of this provider: a strict z.object whose `provider` is `z.literal(kind)`. */
  configSchema: S;
  capabilities: ProviderCapabilities;
  /** The provider for one model; rejects only on bad input, and a missing API key is a skip. */
  create(config: z.output<S>, ctx: ProviderContext): Promise<Provider | Skipped>;
  /**
   * Everything in the entry that shapes an answer (cacheable providers only): the cache key hashes it with the
   * request, so nothing else (the id, limits, keys) may be in it. @default the entry without id and run limits
   */
  cacheShape?(config: z.output<S>): Record<string, unknown>;
}

/** Types a descriptor against its own config schema; returns its argument. */
export function defineProvider<S extends z.ZodObject>(
  descriptor: ProviderDescriptor<S>,
): ProviderDescriptor<S> {
  return descriptor;
}

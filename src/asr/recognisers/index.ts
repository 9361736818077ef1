// The recogniser registry: a new speech recogniser is one file and one line in RECOGNISERS.
import { resolve } from "node:path";
import type { AsrRecogniserConfig } from "../../config/asr-schema.js";
import { CallgradeError } from "../../core/errors.js";
import { resolveApiKey } from "../../providers/api-key.js";
import type { ProviderContext, Skipped } from "../../providers/index.js";
import { binaryProblem, createPocketsphinxRecogniser, DEFAULT_BINARY } from "./pocketsphinx.js";
import { createReplayRecogniser } from "./replay.js";
import type { Recogniser } from "./types.js";

export { type AsrRecogniserConfig, asrRecogniserSchema } from "../../config/asr-schema.js";
export type { Skipped } from "../../providers/index.js";
export type {
  RecogniseError,
  RecogniseErrorKind,
  RecogniseRequest,
  RecogniseResult,
  Recogniser,
  RecogniserLimits,
} from "./types.js";

/** Where relative paths (a replay file) start, and the environment API keys come from. */
export type RecogniserContext = ProviderContext;

type Factory<C extends AsrRecogniserConfig> = (
  config: C,
  ctx: RecogniserContext,
) => Promise<Recogniser | Skipped>;
type Registry = {
  [K in AsrRecogniserConfig["provider"]]: Factory<Extract<AsrRecogniserConfig, { provider: K }>>;
};

export const RECOGNISERS: Registry = {
  // As for the chat models: no key is a skip, except for a custom baseURL (a local server needs none).
  // The SDK loads only when a recogniser needs it, as for the chat models.
  openai: async (config, ctx) => {
    const key = resolveApiKey(config, "OPENAI_API_KEY", ctx.env);
    return "skipped" in key ? key : (await import("./openai.js")).createOpenAIRecogniser(config, key);
  },
  // A missing program stops the run before any file, rather than failing every file the same way.
  pocketsphinx: async (config, ctx) => {
    const problem = await binaryProblem(config.binary ?? DEFAULT_BINARY, ctx.env.PATH);
    if (problem) throw new CallgradeError("CONFIG_INVALID", `recogniser "${config.id}": ${problem}`);
    return createPocketsphinxRecogniser(config);
  },
  replay: (config, ctx) => createReplayRecogniser(config, resolve(ctx.baseDir, config.path)),
};

export function isSkipped(value: Recogniser | Skipped): value is Skipped {
  return "skipped" in value;
}

/**
 * The recogniser for one entry of the config. Rejects only on bad input (a transcript file that does not
 * load: REPLAY_INVALID; no pocketsphinx program: CONFIG_INVALID); a missing API key is a skip, not an error.
 */
export function createRecogniser(
  config: AsrRecogniserConfig,
  ctx: RecogniserContext,
): Promise<Recogniser | Skipped> {
  const factory = RECOGNISERS[config.provider] as Factory<AsrRecogniserConfig>;
  return factory(config, ctx);
}

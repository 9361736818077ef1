// A model that is a module of the user's own: their pipeline, a local model, a rule-based baseline.
import { resolve } from "node:path";
import { type CustomModelConfig, customModel } from "../config/schema.js";
import { inputError } from "../core/errors.js";
import type { CompletionResult, Provider } from "../core/types.js";
import { userModuleLoader } from "../core/user-modules.js";
import { defineProvider } from "./descriptor.js";

// Remote, because callgrade cannot see where the module sends what it is given; never cached, because its
// answers depend on code callgrade cannot see either.
export const customProvider = defineProvider({
  kind: "custom",
  configSchema: customModel,
  capabilities: { remote: true, priced: false, cacheable: false, input: "transcript" },
  create: (config, ctx) => createCustomProvider(config, resolve(ctx.baseDir, config.path)),
});

/** What the module's default export is given for one call. */
export interface CustomRequest {
  caseId: string;
  /** The prompt's stable part: instructions, schema, knowledge base. */
  system: string;
  /** The prompt's per-case part: the transcript and the case's meta. */
  user: string;
  jsonSchema: Record<string, unknown>;
  signal: AbortSignal;
}

export type CustomModel = (request: CustomRequest) => unknown;

const NO_USAGE = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };

async function loadModule(file: string): Promise<CustomModel> {
  const jiti = userModuleLoader();
  let imported: unknown;
  try {
    imported = await jiti.import(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw inputError("CONFIG_INVALID", { file }, `the custom model's module does not load: ${reason}`);
  }
  const candidate =
    typeof imported === "function"
      ? imported
      : typeof imported === "object" && imported !== null && "default" in imported
        ? imported.default
        : undefined;
  if (typeof candidate !== "function") {
    throw inputError(
      "CONFIG_INVALID",
      { file },
      "a custom model's module must export a function as default: export default async function ({ user }) { ... }",
    );
  }
  return candidate as CustomModel;
}

export async function createCustomProvider(config: CustomModelConfig, file: string): Promise<Provider> {
  const answer = await loadModule(file);
  return {
    id: config.id,
    async complete(request, { signal }): Promise<CompletionResult> {
      if (signal.aborted) {
        return { ok: false, error: { kind: "aborted", message: "the call was aborted", retryable: false } };
      }
      let value: unknown;
      try {
        value = await answer({
          caseId: request.caseId,
          system: request.stable,
          user: request.variable,
          jsonSchema: request.jsonSchema,
          signal,
        });
      } catch (error) {
        const message = `${file} threw: ${error instanceof Error ? error.message : String(error)}`;
        return { ok: false, error: { kind: "bad_response", message, retryable: false } };
      }
      if (value === undefined) {
        const message = `${file} returned nothing for case ${request.caseId}`;
        return { ok: false, error: { kind: "bad_response", message, retryable: false } };
      }
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return { ok: true, text, usage: NO_USAGE, finishReason: "custom" };
    },
  };
}

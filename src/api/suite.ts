// A suite from a config value: parsed with the config's zod schema and checked as a whole, whether the value
// came from a config file or was written in code.
import path from "node:path";
import { z } from "zod";
import { type ConfigInput, configSchema, type modelConfig } from "../config/schema.js";
import type { Suite } from "../config/suite.js";
import { CallgradeError } from "../core/errors.js";
import { modelEntrySchema } from "../providers/index.js";
import { fieldsFromSchema } from "../scoring/fields.js";
import { describeConfigIssues } from "./config-issues.js";

/** Parses a config value (what a config file exports) into a suite; `file` names it in messages. */
export function parseSuite(value: unknown, file: string, baseDir = path.dirname(file)): Suite {
  // Parsed once: zod's compiled fast path costs more to build (~10 ms) than it saves on a single parse.
  const parsed = suiteSchema().safeParse(value, { jitless: true });
  if (!parsed.success) {
    throw new CallgradeError("CONFIG_INVALID", describeConfigIssues(file, parsed.error, value));
  }
  const suite: Suite = { config: parsed.data, file, baseDir: path.resolve(baseDir) };
  assertUniqueModelIds(suite);
  assertMatchers(suite);
  return suite;
}

/**
 * The config schema with each model checked against the registered providers' schemas: the same as
 * `configSchema` for the built-in ones, and a provider registered at run time is parsed like them.
 */
function suiteSchema() {
  return configSchema.extend({ models: z.array(modelEntrySchema() as typeof modelConfig).min(1) });
}

/**
 * A suite from a config written in code, for scripts and tests that build one instead of loading a file.
 * @example const suite = suiteFromConfig(defineConfig({ ... }), { baseDir: "evals" });
 */
export function suiteFromConfig(config: ConfigInput, options: { baseDir?: string } = {}): Suite {
  const baseDir = path.resolve(options.baseDir ?? ".");
  return parseSuite(config, path.join(baseDir, "(config given in code)"), baseDir);
}

function assertUniqueModelIds({ config, file }: Suite): void {
  const seen = new Set<string>();
  for (const [index, model] of config.models.entries()) {
    if (seen.has(model.id)) {
      throw new CallgradeError(
        "CONFIG_INVALID",
        `${file}: models.${index}.id: "${model.id}" is used twice; model ids must be unique`,
      );
    }
    seen.add(model.id);
  }
  // Each model runs again on each recogniser's transcripts as "<model>@<recogniser>": that id must be free.
  for (const recogniser of config.asr?.recognisers ?? []) {
    for (const model of config.models) {
      const variant = `${model.id}@${recogniser.id}`;
      if (seen.has(variant)) {
        throw new CallgradeError(
          "CONFIG_INVALID",
          `${file}: model id "${variant}" is also the id of model "${model.id}" on recogniser "${recogniser.id}"'s transcripts; rename one`,
        );
      }
    }
  }
}

/** A `.meta({ match })` the scorer does not know stops the config here, not after the run. */
function assertMatchers({ config, file }: Suite): void {
  try {
    fieldsFromSchema(config.schema);
  } catch (error) {
    if (error instanceof CallgradeError) throw new CallgradeError(error.code, `${file}: ${error.message}`);
    throw error;
  }
}

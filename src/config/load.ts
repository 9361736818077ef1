// Finds, imports (with jiti, so TypeScript works without a build) and validates the config.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createJiti } from "jiti";
import { CallgradeError } from "../core/errors.js";
import { packageEntry } from "../core/package-root.js";
import { fieldsFromSchema } from "../scoring/fields.js";
import { defaultExport, describeConfigIssues, importFailure } from "./issues.js";
import { type Config, configSchema } from "./schema.js";

export const CONFIG_NAMES = [
  "callgrade.config.ts",
  "callgrade.config.mts",
  "callgrade.config.mjs",
  "callgrade.config.js",
];

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file. */
  file: string;
  /** The folder relative paths in the config resolve against. */
  baseDir: string;
}

export function findConfig(cwd: string, explicit?: string): string {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) {
      throw new CallgradeError(
        "CONFIG_NOT_FOUND",
        `${explicit}: no such config file; check the --config path, or run \`callgrade init\` to scaffold a suite`,
      );
    }
    return file;
  }
  for (const name of CONFIG_NAMES) {
    const file = path.join(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new CallgradeError(
    "CONFIG_NOT_FOUND",
    `no callgrade.config.{ts,mts,mjs,js} in ${cwd}: pass --config FILE, or run \`callgrade init\` to scaffold a suite`,
  );
}

export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const file = findConfig(cwd, explicit);
  // Transpiled files are cached on disk by content hash (a changed config is transpiled again): it saves
  // ~240 ms at the start of every command.
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: true, alias: aliases(file) });
  let imported: unknown;
  try {
    imported = await jiti.import(file);
  } catch (error) {
    throw importFailure(file, error);
  }
  const exported = defaultExport(file, imported);
  const parsed = configSchema.safeParse(exported);
  if (!parsed.success) {
    throw new CallgradeError("CONFIG_INVALID", describeConfigIssues(file, parsed.error, exported));
  }
  const config = parsed.data;
  assertUniqueModelIds(file, config);
  assertMatchers(file, config);
  return { config, file, baseDir: path.dirname(file) };
}

/**
 * `import { defineConfig } from "callgrade"` always means the callgrade that is running, and a suite made by
 * `callgrade init` works before the user has installed zod next to it.
 */
function aliases(configFile: string): Record<string, string> {
  const own = createRequire(import.meta.url);
  const alias: Record<string, string> = { callgrade: packageEntry() };
  try {
    createRequire(configFile).resolve("zod");
  } catch {
    alias.zod = path.dirname(own.resolve("zod/package.json"));
  }
  return alias;
}

function assertUniqueModelIds(file: string, config: Config): void {
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
function assertMatchers(file: string, config: Config): void {
  try {
    fieldsFromSchema(config.schema);
  } catch (error) {
    if (error instanceof CallgradeError) throw new CallgradeError(error.code, `${file}: ${error.message}`);
    throw error;
  }
}

/** Resolves a path from the config against the config's folder. */
export function resolveFromConfig(loaded: LoadedConfig, relative: string): string {
  return path.resolve(loaded.baseDir, relative);
}

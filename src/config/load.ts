// Finds, imports (with jiti, so TypeScript works without a build) and validates the config.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";
import type { z } from "zod";
import { CallgradeError } from "../core/errors.js";
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
    if (!existsSync(file)) throw new CallgradeError("CONFIG_NOT_FOUND", `${explicit}: no such config file`);
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
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false, alias: aliases(file) });
  let exported: unknown;
  try {
    exported = await jiti.import(file, { default: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new CallgradeError("CONFIG_INVALID", `${file}: could not be loaded: ${reason}`);
  }
  const parsed = configSchema.safeParse(exported);
  if (!parsed.success) throw new CallgradeError("CONFIG_INVALID", describeIssues(file, parsed.error));
  const config = parsed.data;
  assertUniqueModelIds(file, config);
  return { config, file, baseDir: path.dirname(file) };
}

/**
 * `import { defineConfig } from "callgrade"` always means the callgrade that is running, and a suite made by
 * `callgrade init` works before the user has installed zod next to it.
 */
function aliases(configFile: string): Record<string, string> {
  const own = createRequire(import.meta.url);
  const alias: Record<string, string> = { callgrade: fileURLToPath(new URL("../index.ts", import.meta.url)) };
  try {
    createRequire(configFile).resolve("zod");
  } catch {
    alias.zod = path.dirname(own.resolve("zod/package.json"));
  }
  return alias;
}

function describeIssues(file: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 8).map((issue) => {
    const where = issue.path.length ? issue.path.join(".") : "(config)";
    return `  ${where}: ${issue.message}`;
  });
  const more = error.issues.length > 8 ? `\n  ... and ${error.issues.length - 8} more` : "";
  return `${file}: invalid config\n${lines.join("\n")}${more}`;
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
}

/** Resolves a path from the config against the config's folder. */
export function resolveFromConfig(loaded: LoadedConfig, relative: string): string {
  return path.resolve(loaded.baseDir, relative);
}

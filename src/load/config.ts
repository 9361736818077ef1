// Finds and imports the user's config (with jiti, so a TypeScript config needs no build step) and makes it a
// suite. The top of the module order: it reads the user's files and hands the application layer a value.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { defaultExport, importFailure } from "../api/config-issues.js";
import { parseSuite } from "../api/suite.js";
import type { Suite } from "../config/suite.js";
import { CallgradeError } from "../core/errors.js";
import { configEntry } from "../core/package-root.js";
import { userModuleLoader } from "../core/user-modules.js";

export const CONFIG_NAMES = [
  "callgrade.config.ts",
  "callgrade.config.mts",
  "callgrade.config.mjs",
  "callgrade.config.js",
];

/** The config file in `cwd`, if there is one. */
export function discoverConfig(cwd: string): string | undefined {
  for (const name of CONFIG_NAMES) {
    const file = path.join(cwd, name);
    if (existsSync(file)) return file;
  }
  return undefined;
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
  const found = discoverConfig(cwd);
  if (found) return found;
  throw new CallgradeError(
    "CONFIG_NOT_FOUND",
    `no callgrade.config.{ts,mts,mjs,js} in ${cwd}: pass --config FILE, or run \`callgrade init\` to scaffold a suite`,
  );
}

/**
 * Loads a suite from its config file: `configFile` (relative to `cwd`), else the callgrade.config.* in `cwd`.
 * @example const suite = await loadSuite("evals/callgrade.config.ts");
 */
export async function loadSuite(configFile?: string, options: { cwd?: string } = {}): Promise<Suite> {
  const file = findConfig(path.resolve(options.cwd ?? "."), configFile);
  const jiti = userModuleLoader({ alias: aliases(file) });
  let imported: unknown;
  try {
    imported = await jiti.import(file);
  } catch (error) {
    throw importFailure(file, error);
  }
  return parseSuite(defaultExport(file, imported), file);
}

/** `loadSuite` with the folder first, as the commands call it. */
export function loadConfig(cwd: string, explicit?: string): Promise<Suite> {
  return loadSuite(explicit, { cwd });
}

/**
 * `import { defineConfig } from "callgrade"` always means the callgrade that is running, and a suite made by
 * `callgrade init` works before the user has installed zod next to it.
 */
function aliases(configFile: string): Record<string, string> {
  const own = createRequire(import.meta.url);
  const alias: Record<string, string> = { callgrade: configEntry() };
  try {
    createRequire(configFile).resolve("zod");
  } catch {
    alias.zod = path.dirname(own.resolve("zod/package.json"));
  }
  return alias;
}

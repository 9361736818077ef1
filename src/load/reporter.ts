// Reporters named on the command line: a built-in by name, or the user's own module by path.
import path from "node:path";
import { CallgradeError } from "../core/errors.js";
import { inert } from "../core/inert.js";
import { userModuleLoader } from "../core/user-modules.js";
import type { Reporter } from "../report/reporter.js";
import { BUILTIN_REPORTERS } from "../report/reporters/index.js";

const HOOKS = ["onRunEvent", "onReport"] as const;

/** A name that looks like a file (has a slash or an extension) is a module; anything else a built-in. */
function isModulePath(name: string): boolean {
  return name.includes("/") || name.includes("\\") || /\.[cm]?[jt]sx?$/.test(name);
}

/**
 * Each name as a reporter. A module's default export (or its `reporter` export) is a reporter object or a
 * function returning one.
 */
export async function loadReporters(names: readonly string[], cwd: string): Promise<Reporter[]> {
  const reporters: Reporter[] = [];
  for (const name of names) {
    if (!isModulePath(name)) {
      const builtin = BUILTIN_REPORTERS[name];
      if (!builtin) {
        throw new CallgradeError(
          "USAGE",
          `--reporter ${inert(name)}: no such reporter; built-in: ${Object.keys(BUILTIN_REPORTERS).join(", ")}, or a path to your own module`,
        );
      }
      reporters.push(builtin);
      continue;
    }
    reporters.push(await loadModule(path.resolve(cwd, name), name));
  }
  return reporters;
}

async function loadModule(file: string, given: string): Promise<Reporter> {
  const jiti = userModuleLoader();
  let imported: unknown;
  try {
    imported = await jiti.import(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CallgradeError("USAGE", `--reporter ${inert(given)}: cannot load it: ${inert(reason)}`);
  }
  const exported =
    Reflect.get(Object(imported), "default") ?? Reflect.get(Object(imported), "reporter") ?? imported;
  const value: unknown = typeof exported === "function" ? await exported() : exported;
  if (
    typeof value !== "object" ||
    value === null ||
    !HOOKS.some((hook) => typeof Reflect.get(value, hook) === "function")
  ) {
    throw new CallgradeError(
      "USAGE",
      `--reporter ${inert(given)}: its default export must be a reporter (an object with ${HOOKS.join(" or ")}) or a function returning one`,
    );
  }
  // A reporter may be a class instance: keep its prototype (and `this`), only lend it a name if it has none.
  if (typeof Reflect.get(value, "name") === "string") return value as Reporter;
  return Object.assign(Object.create(value) as Reporter, { name: given });
}

// What every command does the same way: which suite (--config, else the config in this folder), which
// reporters, and how paths and follow-up commands are shown.
import path from "node:path";
import type { Suite } from "../../config/suite.js";
import { discoverConfig, loadSuite } from "../../load/config.js";
import { loadReporters } from "../../load/reporter.js";
import type { Reporter } from "../../report/reporter.js";
import { DEFAULT_REPORTERS } from "../../report/reporters/index.js";
import { say } from "../output.js";

export interface SuiteFlags {
  config?: string;
  store?: string;
}

/** The suite --config names, else the one in the current folder; none when there is neither. */
export async function optionalSuite(flags: SuiteFlags): Promise<Suite | undefined> {
  if (flags.config || discoverConfig(process.cwd())) return loadSuite(flags.config);
  return undefined;
}

export function requiredSuite(flags: SuiteFlags): Promise<Suite> {
  return loadSuite(flags.config);
}

/** The reporters --reporter names (comma-separated), else the default set. */
export function reporters(names: string[] | undefined): Promise<Reporter[]> {
  return loadReporters(names && names.length > 0 ? names : DEFAULT_REPORTERS, process.cwd());
}

export function print(text: string): void {
  say(text.endsWith("\n") ? text : `${text}\n`);
}

/** A path as the user would type it from here: relative when below the current folder. */
export function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/** `{ key: value }` when the value is set, else `{}`: exactOptionalPropertyTypes-friendly spreading. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

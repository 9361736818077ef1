// A suite: a parsed config and the folder its relative paths resolve against.
import path from "node:path";
import type { Config } from "./schema.js";

export interface Suite {
  config: Config;
  /** The config file, absolute; for a config made in code, a name for it in messages. */
  file: string;
  /** The folder the config's relative paths (dataset, prompt, store, reports) resolve against. */
  baseDir: string;
}

/** Resolves a path from the config against the suite's folder. */
export function resolveFromSuite(suite: Suite, relative: string): string {
  return path.resolve(suite.baseDir, relative);
}

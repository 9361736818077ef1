// Where callgrade itself is installed, found from the running file: src/ and dist/, bundled into chunks or not,
// sit at different depths below it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let found: { root: string; version: string } | undefined;

function locate(): { root: string; version: string } {
  if (found) return found;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const manifest: unknown = JSON.parse(readFileSync(file, "utf8"));
      const field = (key: string) =>
        typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, key) : undefined;
      if (field("name") === "callgrade") {
        const version = field("version");
        found = { root: dir, version: typeof version === "string" ? version : "unknown" };
        return found;
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error("callgrade's package.json was not found above its own files");
    dir = up;
  }
}

/** The folder holding callgrade's package.json. */
export function packageRoot(): string {
  return locate().root;
}

export function packageVersion(): string {
  return locate().version;
}

/**
 * The module a config file's `import { defineConfig } from "callgrade"` means while callgrade loads it: the one
 * running, not whatever copy the config's folder would resolve (if any). Only `defineConfig`: a config needs
 * nothing else at run time (its other imports from "callgrade" are types), and importing the whole library
 * there would load the runner, the store and every renderer into a command that needs none of them.
 */
export function configEntry(): string {
  const fromSources = import.meta.url.endsWith(".ts");
  return path.join(packageRoot(), fromSources ? "src/config/define.ts" : "dist/config.js");
}

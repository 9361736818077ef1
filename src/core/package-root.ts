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
 * The module a user's `import ... from "callgrade"` means in this process: the sources when callgrade runs
 * from them (its own tests), else the built entry.
 */
export function packageEntry(): string {
  const fromSources = import.meta.url.endsWith(".ts");
  return path.join(packageRoot(), fromSources ? "src/index.ts" : "dist/index.js");
}

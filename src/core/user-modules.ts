// Imports the user's own modules (config, custom providers, reporters) with jiti, so TypeScript needs no build.
import { createRequire } from "node:module";
import type { createJiti as CreateJiti, Jiti, JitiOptions } from "jiti";

/**
 * jiti is loaded through require(): imported as ESM, Node would first parse its 190 KB CommonJS build to find
 * its named exports, ~10 ms at the start of every command that reads a config. Transpiled files are cached
 * on disk by content hash (a changed file is transpiled again).
 */
export function userModuleLoader(options: JitiOptions = {}): Jiti {
  const { createJiti } = createRequire(import.meta.url)("jiti") as { createJiti: typeof CreateJiti };
  return createJiti(import.meta.url, { moduleCache: false, fsCache: true, ...options });
}

// `npm run build`: the published package in dist/. Types come from tsc (dist/types, mirroring src/); the code
// is bundled by esbuild into one entry for the library, one for the CLI and shared chunks, because Node 20
// has no compile cache and pays for every module file it opens: a command's start-up was ~2× slower loading
// ~400 small files (ours, commander's, csv-parse's and libphonenumber-js's) than loading a few chunks.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist");

/**
 * Left to the user's node_modules: zod is a peer (the user's schemas and ours must be one zod), better-sqlite3
 * is native code, jiti loads its 1.5 MB transformer only when a config needs transpiling, and the SDKs and
 * Ink load only in the commands that use them; bundled, each would be a copy the user cannot update.
 */
export const EXTERNAL = ["zod", "better-sqlite3", "jiti", "ink", "react", "openai", "@anthropic-ai/sdk"];

/**
 * Keeps only the declaration files the package's types reach from index.d.ts: tsc declares every source
 * file, but a user's compiler reads only what the entry imports.
 */
function pruneTypes(dir: string): void {
  const reached = new Set<string>();
  const queue = [path.join(dir, "index.d.ts")];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (reached.has(file)) continue;
    reached.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:from\s+|import\()["'](\.{1,2}\/[^"']+)\.js["']/g)) {
      const target = path.resolve(path.dirname(file), `${match[1]}.d.ts`);
      if (existsSync(target)) queue.push(target);
    }
  }
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && !reached.has(file)) rmSync(file);
  }
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).reverse()) {
    const folder = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory() && readdirSync(folder).length === 0) rmSync(folder, { recursive: true });
  }
}

/**
 * commander requires node:child_process at load, for subcommands that are separate executables, which
 * callgrade has none of; loading it (with net and streams) cost every command ~4 ms. commander gets a stand-in
 * that loads the real module on first use.
 */
const lazyChildProcess: Plugin = {
  name: "lazy-child-process",
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${path.sep}commander${path.sep}`)
        ? { path: "lazy-child-process", namespace: "callgrade" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "callgrade" }, () => ({
      contents: `let real;
module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });`,
      loader: "js",
    }));
  },
};

/** A hash of every source file's path and content. */
function sourceHash(): string {
  const hash = createHash("sha256");
  const src = path.join(ROOT, "src");
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(`${path.relative(src, file)}\0`).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

/** Builds into a fresh folder and swaps it in, so a test run reading dist/ never sees it half-built. */
export async function buildPackage(): Promise<void> {
  const out = `${DIST}.${process.pid}.tmp`;
  rmSync(out, { recursive: true, force: true });
  const typescript = path.dirname(createRequire(import.meta.url).resolve("typescript/package.json"));
  const tsc = path.join(typescript, "bin", "tsc");
  execFileSync(
    process.execPath,
    [tsc, "-p", path.join(ROOT, "tsconfig.build.json"), "--outDir", path.join(out, "types")],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  pruneTypes(path.join(out, "types"));
  await build({
    absWorkingDir: ROOT,
    // config.js: what a config file's `import { defineConfig } from "callgrade"` loads (see core/package-root.ts).
    entryPoints: { index: "src/index.ts", cli: "src/cli/bin.ts", config: "src/config/define.ts" },
    outdir: out,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minifyWhitespace: true,
    minifySyntax: true,
    external: EXTERNAL,
    // Stored scores carry the build that made them: a newer build (other matchers) scores a run again.
    define: { __CALLGRADE_BUILD__: JSON.stringify(sourceHash()) },
    // Bundled CommonJS dependencies (commander) call require() for Node's built-ins.
    banner: {
      js: 'import { createRequire as __cgRequire } from "node:module"; const require = __cgRequire(import.meta.url);',
    },
    plugins: [lazyChildProcess],
    logLevel: "warning",
  });
  chmodSync(path.join(out, "cli.js"), 0o755);
  const old = `${DIST}.${process.pid}.old`;
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(out, DIST);
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildPackage();

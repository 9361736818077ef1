// The tarball and a user's project that installed it: made once per test file, since installing compiles
// better-sqlite3 from source (about 75 s on two cores).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { exec } from "./exec.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What a user installs beside callgrade: its peer, and the compiler and types a TypeScript project has. */
export const USER_DEPENDENCIES = ["zod@4.6.7", "typescript@7.0.2", "@types/node@20.19.43"];

/**
 * `npm pack` as `npm publish` would, minus the `prepare` build: Vitest's global setup has just built dist/
 * from these sources, and building again here would swap dist/ under the other test files while they run.
 */
export async function packRepository(destination: string): Promise<string> {
  mkdirSync(destination, { recursive: true });
  const packed = await exec(
    "npm",
    ["pack", "--ignore-scripts", "--pack-destination", destination, "--json"],
    ROOT,
  );
  if (packed.code !== 0) throw new Error(`npm pack failed\n${packed.log}`);
  const tarballs = readdirSync(destination).filter((name) => name.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs\n${packed.log}`);
  return path.join(destination, tarballs[0] as string);
}

/** Every file in the tarball, as paths inside the package (npm puts them under package/). */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const listed = await exec("tar", ["-tzf", tarball], path.dirname(tarball));
  if (listed.code !== 0) throw new Error(`cannot list the tarball\n${listed.log}`);
  return listed.stdout
    .split("\n")
    .filter((line) => line !== "" && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""));
}

/** A fresh ESM project with the tarball installed from the registry's point of view: `npm install <file>`. */
export async function installProject(dir: string, tarball: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const init = await exec("npm", ["init", "-y"], dir);
  if (init.code !== 0) throw new Error(`npm init failed\n${init.log}`);
  const manifestFile = path.join(dir, "package.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, unknown>;
  writeFileSync(manifestFile, `${JSON.stringify({ ...manifest, type: "module" }, null, 2)}\n`);
  // --prefer-offline: npm's default cache already holds these from this repository's `npm ci`.
  const install = await exec(
    "npm",
    ["install", tarball, ...USER_DEPENDENCIES, "--no-audit", "--no-fund", "--prefer-offline"],
    dir,
  );
  if (install.code !== 0) throw new Error(`npm install of the tarball failed\n${install.log}`);
}

/**
 * Another project beside the installed one, sharing its node_modules through a link, so each case starts from
 * an empty folder without compiling better-sqlite3 again.
 */
export function workspace(installed: string, name: string): string {
  const dir = path.join(path.dirname(installed), name);
  mkdirSync(dir);
  for (const file of ["package.json", "package-lock.json"]) {
    copyFileSync(path.join(installed, file), path.join(dir, file));
  }
  symlinkSync(path.join(installed, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** `npx <bin> ...args` in a project. */
export function npx(cwd: string, ...args: string[]) {
  return exec("npx", ["--no-install", ...args], cwd);
}

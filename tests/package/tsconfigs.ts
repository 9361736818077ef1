// tsconfig.json files users have, to type-check their callgrade.config.ts against the published types.
import { writeFileSync } from "node:fs";
import path from "node:path";

const common = { target: "ES2022", strict: true, noEmit: true };

/** Each name is written as tsconfig.<name>.json. */
export const TSCONFIGS: Record<string, Record<string, unknown>> = {
  // Node's own resolution, as `tsc --init` and Node-first projects set it.
  nodenext: { ...common, module: "nodenext", moduleResolution: "nodenext", skipLibCheck: true },
  // Projects run by a bundler or tsx.
  "bundler-esnext": { ...common, module: "esnext", moduleResolution: "bundler", skipLibCheck: true },
  "bundler-preserve": { ...common, module: "preserve", moduleResolution: "bundler", skipLibCheck: true },
  // Our .d.ts files checked too, with no DOM or newer lib to lean on.
  "lib-checked": {
    ...common,
    module: "nodenext",
    moduleResolution: "nodenext",
    skipLibCheck: false,
    lib: ["ES2022"],
    types: ["node"],
  },
};

/** Writes tsconfig.<name>.json in `dir` checking `files`; returns its file name. */
export function writeTsconfig(dir: string, name: string, files: string[]): string {
  const options = TSCONFIGS[name];
  if (!options) throw new Error(`no tsconfig variant ${name}`);
  const file = `tsconfig.${name}.json`;
  writeFileSync(
    path.join(dir, file),
    `${JSON.stringify({ compilerOptions: options, include: files }, null, 2)}\n`,
  );
  return file;
}

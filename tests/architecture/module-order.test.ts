// DESIGN.md's module order, checked on every import in src/: a module may import from its own folder and
// from modules below it, never from one above. Type-only imports count: a type from above is a dependency too.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

/** Top to bottom; modules in one row are at the same level and may use each other. */
const ORDER: string[][] = [
  ["cli"],
  ["load"],
  ["api"],
  ["review"],
  ["report"],
  ["summary"],
  ["gate"],
  ["runner"],
  ["asr", "perturb"],
  ["providers"],
  ["dataset"],
  ["prompt"],
  ["validate"],
  ["scoring"],
  ["store"],
  ["config"],
  ["core"],
];

const SRC = path.join(ROOT, "src");
const level = new Map(ORDER.flatMap((row, index) => row.map((name) => [name, index] as const)));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The top folder under src/ a file belongs to; "." for src/index.ts. */
function moduleOf(file: string): string {
  const [head, ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length === 0 ? "." : (head ?? ".");
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1] ?? "");
}

/** The imports of `file` that point at a module above its own. */
function upward(file: string, specs: string[]): string[] {
  const from = moduleOf(file);
  if (from === ".") return []; // the package entry re-exports from every layer
  return specs.flatMap((spec) => {
    const to = moduleOf(path.resolve(path.dirname(file), spec));
    if (to === from || to === ".") return [];
    return (level.get(to) ?? -1) < (level.get(from) ?? -1)
      ? [`${path.relative(ROOT, file)} → ${spec} (${from} imports ${to})`]
      : [];
  });
}

describe("module order", () => {
  const files = sources(SRC);

  it("knows every folder under src/", () => {
    const folders = new Set(files.map(moduleOf).filter((name) => name !== "."));
    expect([...folders].filter((name) => !level.has(name))).toEqual([]);
  });

  it("no module imports from a module above it", () => {
    expect(files.flatMap((file) => upward(file, imports(file)))).toEqual([]);
  });

  it("the check sees an upward import when there is one", () => {
    const file = path.join(SRC, "core", "example.ts");
    expect(upward(file, ["../runner/index.js", "./hash.js", "../index.js"])).toEqual([
      "src/core/example.ts → ../runner/index.js (core imports runner)",
    ]);
    expect(upward(path.join(SRC, "runner", "example.ts"), ["../core/hash.js", "../store/index.js"])).toEqual(
      [],
    );
  });
});

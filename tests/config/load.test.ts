import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/load/config.js";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-config-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

const TS_CONFIG = `import { defineConfig } from "callgrade";
import { z } from "zod";
const Schema = z.object({ name: z.string() });
export default defineConfig({
  name: "typed",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: Schema,
  models: [{ id: "r", provider: "replay", path: "r.jsonl" }],
});
`;

describe("loadConfig", () => {
  it("finds callgrade.config.ts in the folder and applies defaults", async () => {
    const dir = folder({ "callgrade.config.ts": TS_CONFIG });
    const loaded = await loadConfig(dir);
    expect(loaded.file).toBe(path.join(dir, "callgrade.config.ts"));
    expect(loaded.baseDir).toBe(dir);
    expect(loaded.config).toMatchObject({
      name: "typed",
      concurrency: 16,
      repeat: 1,
      scoring: { phoneRegion: "US" },
    });
  });

  it("loads a plain export default object from .mjs", async () => {
    const dir = folder({
      "suite.mjs": `import { z } from "zod";
export default { name: "plain", dataset: "d.csv", prompt: "p.md", schema: z.object({ a: z.string() }),
  models: [{ id: "o", provider: "openai", model: "gpt-4.1-mini", mode: "json_object" }] };`,
    });
    const loaded = await loadConfig(process.cwd(), path.join(dir, "suite.mjs"));
    expect(loaded.config.models[0]).toMatchObject({ provider: "openai", mode: "json_object" });
  });

  it("names each wrong field of an invalid config", async () => {
    const dir = folder({
      "callgrade.config.js": `export default { name: "", dataset: "d", prompt: "p", schema: { not: "zod" },
  models: [{ id: "x", provider: "gemini", model: "g" }], concurrency: 0 };`,
    });
    const error = await loadConfig(dir).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain("callgrade.config.js: invalid config");
    expect(message).toMatch(/name:/);
    expect(message).toMatch(/schema: must be a zod object schema/);
    expect(message).toMatch(/models\.0\.provider/);
    expect(message).toMatch(/concurrency:/);
  });

  it("rejects the same model id twice", async () => {
    const dir = folder({
      "callgrade.config.mjs": `import { z } from "zod";
export default { name: "n", dataset: "d", prompt: "p", schema: z.object({}),
  models: [{ id: "a", provider: "replay", path: "x" }, { id: "a", provider: "replay", path: "y" }] };`,
    });
    await expect(loadConfig(dir)).rejects.toThrow('models.1.id: "a" is used twice');
  });

  it("says how to start when there is no config", async () => {
    const dir = folder({});
    await expect(loadConfig(dir)).rejects.toThrow(/no callgrade\.config\.\{ts,mts,mjs,js\}.*callgrade init/);
  });

  it("reports a config that does not compile with its file, line and column", async () => {
    const dir = folder({ "callgrade.config.ts": "export default { name: 'x', " });
    await expect(loadConfig(dir)).rejects.toThrow(
      /callgrade\.config\.ts:1:\d+: cannot be parsed: .*; fix the syntax there/,
    );
  });
});

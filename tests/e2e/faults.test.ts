// A run meets provider faults and bad input the way a user would: through the CLI, exit codes included.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";

const SMALL = path.resolve("tests/fixtures/suite-small");
const ANSWER = { name: "Ana Ruiz", phone: null, date: null, size: null, notes: null };

function suite(models: string, dataset = path.join(SMALL, "calls.jsonl")): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-faults-"));
  for (const file of ["prompt.md", "kb.md"]) copyFileSync(path.join(SMALL, file), path.join(dir, file));
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from "zod";
export default {
  name: "faults",
  dataset: ${JSON.stringify(dataset)},
  prompt: "prompt.md",
  knowledgeBase: "kb.md",
  schema: z.object({ name: z.string().nullable(), phone: z.string().nullable(), date: z.string().nullable(),
    size: z.number().nullable(), notes: z.string().nullable() }),
  models: [${models}],
};
`,
  );
  return dir;
}

const summaryOf = (dir: string): RunSummary =>
  JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
const run = (dir: string, env: Record<string, string> = {}) =>
  runCli(["run", "--store", "store.db", "--out", "out"], { cwd: dir, env });

describe("provider faults", () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it("a 429 with retry-after is retried and every case still gets scored", async () => {
    api.respond = ({ attempt }) =>
      attempt === 1 ? { status: 429, headers: { "retry-after-ms": "20" } } : { json: ANSWER };
    const dir = suite(
      `{ id: "o", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}" }`,
    );
    const result = await run(dir, { OPENAI_API_KEY: "k" });
    expect(result.code).toBe(0);
    const [model] = summaryOf(dir).models;
    expect(model).toMatchObject({ calls: 5, errors: 0, schemaValidRate: 1 });
    expect(result.stderr).toMatch(/5 retries/);
  });

  it("a model that keeps failing ends the run with exit 3, naming the cases left unscored", async () => {
    api.respond = () => ({ status: 503, body: { error: { message: "overloaded" } } });
    const dir = suite(
      `{ id: "down", provider: "anthropic", model: "claude-haiku-4-5", baseURL: "${api.anthropicBaseURL}", maxRetries: 1 },
       { id: "fine", provider: "replay", path: ${JSON.stringify(path.join(SMALL, "b.jsonl"))} }`,
    );
    const result = await run(dir, { ANTHROPIC_API_KEY: "k" });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("down: no answer for 5 cases (c1, c2, c3, c4, c5)");
    // 5xx is transient: the message says how to send those calls again.
    expect(result.stderr).toMatch(/sent again by: npx callgrade run --resume \S+/);
    const summary = summaryOf(dir);
    expect(summary.models[0]).toMatchObject({ id: "down", errors: 5, errorsByKind: { http: 5 } });
    expect(summary.models[1]).toMatchObject({ id: "fine", errors: 0 });
    expect(summary.unscored).toEqual({ down: ["c1", "c2", "c3", "c4", "c5"] });
  });

  it("a provider that never answers times out per call, and the run still ends", async () => {
    api.respond = () => ({ hang: true });
    const dir = suite(
      `{ id: "slow", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}", timeoutMs: 150, maxRetries: 0 }`,
    );
    const result = await run(dir, { OPENAI_API_KEY: "k" });
    expect(result.code).toBe(3);
    expect(summaryOf(dir).models[0]?.errorsByKind).toEqual({ timeout: 5 });
  });

  it("a model without an API key is skipped with a clear reason, and the others run", async () => {
    const dir = suite(
      `{ id: "hosted", provider: "openai", model: "gpt-4.1-mini" },
       { id: "recorded", provider: "replay", path: ${JSON.stringify(path.join(SMALL, "a.jsonl"))} }`,
    );
    const result = await run(dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("skipped hosted: no API key: set OPENAI_API_KEY");
    const summary = summaryOf(dir);
    expect(summary.models.map((m) => m.id)).toEqual(["recorded"]);
    expect(summary.skippedModels).toEqual([
      { id: "hosted", reason: "no API key: set OPENAI_API_KEY (or apiKeyEnv) to include it" },
    ]);
  });
});

describe("bad input", () => {
  it("a broken dataset ends with one message naming file and line, exit 2, and nothing stored", async () => {
    const bad = path.join(mkdtempSync(path.join(tmpdir(), "cg-bad-")), "calls.jsonl");
    // Rows are checked in file order: both are fine for the prompt, the second repeats the first's id.
    const row = (text: string) =>
      JSON.stringify({ id: "a", transcript: text, meta: { callDate: "2026-01-02" } });
    writeFileSync(bad, `${row("hi")}\n${row("again")}\n`);
    const dir = suite(
      `{ id: "r", provider: "replay", path: ${JSON.stringify(path.join(SMALL, "a.jsonl"))} }`,
      bad,
    );
    const result = await run(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^callgrade: ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: id: duplicate id "a"`),
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    if (existsSync(path.join(dir, "store.db"))) {
      const db = new Database(path.join(dir, "store.db"), { readonly: true });
      expect(db.prepare("SELECT COUNT(*) AS n FROM runs").get()).toEqual({ n: 0 });
      db.close();
    }
  });

  it("an unknown --models id is a usage error naming the known ones", async () => {
    const dir = suite(
      `{ id: "r", provider: "replay", path: ${JSON.stringify(path.join(SMALL, "a.jsonl"))} }`,
    );
    const result = await runCli(["run", "--models", "nope", "--store", "store.db"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--models: no model "nope"');
    expect(result.stderr).toContain("known: r");
  });

  it("a store file that is not SQLite is refused, and left as it was", async () => {
    const dir = suite(
      `{ id: "r", provider: "replay", path: ${JSON.stringify(path.join(SMALL, "a.jsonl"))} }`,
    );
    writeFileSync(path.join(dir, "store.db"), "my notes ".repeat(500));
    const result = await run(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not a callgrade store");
    expect(readFileSync(path.join(dir, "store.db"), "utf8")).toBe("my notes ".repeat(500));
  });
});

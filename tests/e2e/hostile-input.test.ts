// Hostile input through the real CLI against the fake API. A model's answer, whatever its shape, is stored as an
// invalid output with a reason, never a crash, and is not paid for again; a hostile dataset is refused before
// any call is made.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";

const SMALL = path.resolve("tests/fixtures/suite-small");
const ANSWER = { name: "Ana Ruiz", phone: null, date: null, size: null, notes: null };
const DEPTH = 5_000;
// Written as text: JSON.stringify itself overflows the stack on values this deep.
const DEEP_OBJECT = `${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}`;
const DEEP_ARRAY = `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`;
const DEEP_FIELD = `{"name":"Tom","phone":null,"date":null,"size":null,"notes":${DEEP_ARRAY}}`;

/** Each hostile answer goes to one case, picked by a word of its transcript. */
const HOSTILE: Record<string, string> = {
  "Table for four": DEEP_OBJECT,
  "Cancel tomorrow": DEEP_ARRAY,
  "open on Mondays": DEEP_FIELD,
};

function suite(baseURL: string, dataset = path.join(SMALL, "calls.jsonl")): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-hostile-"));
  for (const file of ["prompt.md", "kb.md"]) copyFileSync(path.join(SMALL, file), path.join(dir, file));
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from "zod";
export default {
  name: "hostile",
  dataset: ${JSON.stringify(dataset)},
  prompt: "prompt.md",
  knowledgeBase: "kb.md",
  schema: z.object({ name: z.string().nullable(), phone: z.string().nullable(), date: z.string().nullable(),
    size: z.number().nullable(), notes: z.unknown() }),
  models: [{ id: "o", provider: "openai", model: "gpt-4.1-mini", baseURL: "${baseURL}", maxRetries: 0 }],
};
`,
  );
  return dir;
}

const ENV = { OPENAI_API_KEY: "k" };
const run = (dir: string, ...flags: string[]) =>
  runCli(["run", "--store", "store.db", "--out", "out", ...flags], { cwd: dir, env: ENV });

interface StoredOutput {
  case_id: string;
  valid: number;
  reason: string | null;
  value: string | null;
  issues: string;
}

function outputs(dir: string): StoredOutput[] {
  const db = new Database(path.join(dir, "store.db"), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT c.case_id, o.valid, o.reason, o.value, o.issues FROM calls c JOIN outputs o ON o.call_id = c.id
         ORDER BY c.case_id`,
      )
      .all() as StoredOutput[];
  } finally {
    db.close();
  }
}

describe("hostile model answers", () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi();
    api.respond = ({ body }) => {
      const request = JSON.stringify(body);
      const hostile = Object.entries(HOSTILE).find(([word]) => request.includes(word))?.[1];
      return hostile === undefined ? { json: ANSWER } : { text: hostile };
    };
  });
  afterAll(async () => {
    await api.close();
  });

  it("answers nested 5,000 levels deep are stored as invalid outputs with a reason, and never sent again", async () => {
    const dir = suite(api.openaiBaseURL);

    const first = await run(dir);

    expect(first.stderr).not.toMatch(/\n\s+at /);
    expect(first.stderr).not.toContain("internal error");
    expect(first.code).toBe(0);
    const stored = outputs(dir);
    expect(stored.map((o) => o.case_id)).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    for (const deep of stored.slice(0, 3)) {
      expect(deep).toMatchObject({ valid: 0, reason: "invalid_json", value: null });
      expect(JSON.parse(deep.issues)).toEqual([
        { path: "", code: "too_deep", message: "the JSON is nested deeper than 64 levels" },
      ]);
    }
    expect(stored.slice(3).map((o) => o.valid)).toEqual([1, 1]);
    const summary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8")) as RunSummary;
    expect(summary.models[0]).toMatchObject({ calls: 5, errors: 0, schemaValidRate: 0.4 });

    const sent = api.requests.length;
    const resumed = await run(dir, "--resume");
    expect(resumed.stderr).not.toMatch(/\n\s+at /);
    expect(resumed.code).not.toBe(70);
    const again = await run(dir);
    expect(again.stderr).not.toMatch(/\n\s+at /);
    expect(again.code).toBe(0);
    // The second run answers every call from the cache, the deep ones included.
    expect(api.requests.length).toBe(sent);
  }, 60_000);

  it("ids with lone surrogates are refused before any call, naming file, line and field", async () => {
    const dir = suite(api.openaiBaseURL, "calls.jsonl");
    // Both would be "c" + U+FFFD in the store: one id, twice.
    const rows = [
      '{"id":"c\\ud800","transcript":"caller: hi","meta":{"callDate":"2026-06-08"}}',
      '{"id":"c\\udbff","transcript":"caller: hi","meta":{"callDate":"2026-06-08"}}',
    ];
    writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
    const sent = api.requests.length;

    const result = await run(dir);

    expect(result.stderr).toMatch(/^callgrade: \S+calls\.jsonl:1: id: is not well-formed Unicode text/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(2);
    expect(api.requests.length).toBe(sent);
  }, 60_000);
});

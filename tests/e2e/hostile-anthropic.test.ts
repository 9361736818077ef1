// An Anthropic tool call whose input nests 5,000 levels deep: stored as an invalid output with its reason
// (its raw response as a note), never a call error, never a crash, never sent again.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";

const SMALL = path.join(ROOT, "tests/fixtures/suite-small");
const DEPTH = 5_000;
const ANSWER = { name: "Ana", phone: null, date: null, size: null, notes: null };

/** A Messages API body with a tool_use block, written as text: JSON.stringify overflows on such depth. */
function deepToolMessage(): string {
  const input = `{"name":"Tom","phone":null,"date":null,"size":null,"notes":${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}`;
  return `{"id":"msg_deep","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"tool_use","id":"toolu_deep","name":"record","input":${input}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":10}}`;
}

describe("a deep Anthropic tool input", () => {
  let api: FakeApi;
  let dir: string;
  beforeAll(async () => {
    api = await startFakeApi();
    api.respond = ({ body }) =>
      JSON.stringify(body).includes("Tom Berg") ? { status: 200, body: deepToolMessage() } : { json: ANSWER };
    dir = mkdtempSync(path.join(tmpdir(), "cg-hostile-anthropic-"));
    for (const file of ["calls.jsonl", "prompt.md", "kb.md"])
      copyFileSync(path.join(SMALL, file), path.join(dir, file));
    writeFileSync(
      path.join(dir, "callgrade.config.ts"),
      `import { z } from "zod";
export default {
  name: "hostile-anthropic",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  knowledgeBase: "kb.md",
  schema: z.object({ name: z.string().nullable(), phone: z.string().nullable(), date: z.string().nullable(),
    size: z.number().nullable(), notes: z.unknown() }),
  models: [{ id: "c", provider: "anthropic", model: "claude-haiku-4-5", baseURL: "${api.anthropicBaseURL}", maxRetries: 0 }],
};
`,
    );
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is stored as an invalid output, and a resume does not send it again", async () => {
    // A key long enough that redaction finds it nowhere by chance.
    const env = { ANTHROPIC_API_KEY: "sk-ant-hostile-test-key" };
    const first = await runCli(["run"], { cwd: dir, env });
    expect(first.stderr).not.toContain("internal error");
    const db = new Database(path.join(dir, ".callgrade", "callgrade.db"), { readonly: true });
    const failed = db.prepare("SELECT error_kind, error_message FROM calls WHERE status = 'error'").all();
    expect(failed).toEqual([]);
    expect(first.code).toBe(0);
    const row = db
      .prepare(
        `SELECT c.status, c.raw, o.valid, o.issues FROM calls c JOIN outputs o ON o.call_id = c.id WHERE c.case_id = 'c2'`,
      )
      .get() as { status: string; raw: string; valid: number; issues: string };
    db.close();
    expect(row.status).toBe("ok");
    expect(row.valid).toBe(0);
    expect(JSON.parse(row.issues)).toEqual([
      { path: "", code: "too_deep", message: "the JSON is nested deeper than 64 levels" },
    ]);
    expect(JSON.parse(row.raw)).toEqual({ omitted: "the response nests deeper than 512 levels" });
    const before = api.requests.length;
    const again = await runCli(["run", "--resume"], { cwd: dir, env });
    expect(again.code).toBe(2);
    expect(api.requests.length).toBe(before);
  });
});

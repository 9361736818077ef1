// A finished run is resumed for what it still lacks: its transiently failed calls (and only those), or its
// reports when it was killed before writing them; a gate refuses a candidate that is incomplete.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";

const SMALL = path.join(ROOT, "tests/fixtures/suite-small");
const ANSWER = { name: "Ana", phone: null, date: null, size: null, notes: null };
const ENV = { OPENAI_API_KEY: "sk-test" };

function suite(api: FakeApi, extra = ""): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-resume-finished-"));
  for (const file of ["calls.jsonl", "prompt.md", "kb.md"])
    copyFileSync(path.join(SMALL, file), path.join(dir, file));
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from "zod";
export default {
  name: "resume-finished",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  knowledgeBase: "kb.md",
  schema: z.object({ name: z.string().nullable(), phone: z.string().nullable(), date: z.string().nullable(),
    size: z.number().nullable(), notes: z.string().nullable() }),
  models: [{ id: "m", provider: "openai", model: "x", baseURL: ${JSON.stringify(api.openaiBaseURL)}, maxRetries: 0, timeoutMs: 300 }],
  ${extra}
};
`,
  );
  return dir;
}

const sent = (api: FakeApi, from: number) => api.requests.slice(from).map((r) => JSON.stringify(r.body));

describe("resuming a finished run", () => {
  let api: FakeApi;
  const dirs: string[] = [];
  beforeAll(async () => {
    api = await startFakeApi();
  });
  afterAll(async () => {
    await api.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("sends again the call that failed transiently, never the one the provider refused", async () => {
    const dir = suite(api);
    dirs.push(dir);
    let down = true;
    api.respond = ({ body }) => {
      const text = JSON.stringify(body);
      if (text.includes("Tom Berg")) return down ? { status: 503 } : { json: ANSWER };
      if (text.includes("open on Mondays")) return { status: 400 };
      return { json: ANSWER };
    };
    const first = await runCli(["run"], { cwd: dir, env: ENV });
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/m: no answer for 2 cases \(c2, c3\)/);
    down = false;
    const before = api.requests.length;
    const [runId] = readdirSync(path.join(dir, "reports"));
    const again = await runCli(["run", "--resume", runId ?? ""], { cwd: dir, env: ENV });
    const resent = sent(api, before);
    expect(resent).toHaveLength(1);
    expect(resent[0]).toContain("Tom Berg");
    // The refused call stays refused: the run is still incomplete, for c3 alone.
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/m: no answer for 1 case \(c3\)/);
  });

  it("killed after its calls finished but before its reports: resume writes them and sends nothing", async () => {
    const dir = suite(api);
    dirs.push(dir);
    api.respond = () => ({ json: ANSWER });
    expect((await runCli(["run"], { cwd: dir, env: ENV })).code).toBe(0);
    const [runId] = readdirSync(path.join(dir, "reports"));
    rmSync(path.join(dir, "reports"), { recursive: true });
    const before = api.requests.length;
    const resumed = await runCli(["run", "--resume"], { cwd: dir, env: ENV });
    expect(resumed.stderr).not.toContain("callgrade:");
    expect(resumed.code).toBe(0);
    expect(sent(api, before)).toEqual([]);
    expect(existsSync(path.join(dir, "reports", runId ?? "", "summary.json"))).toBe(true);
    // With every report written, there is nothing left to resume.
    const nothing = await runCli(["run", "--resume"], { cwd: dir, env: ENV });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/no unfinished run in .* to resume/);
  });

  it("a gate on a candidate where a model answered nothing exits 3 and names the unscored calls", async () => {
    const dir = suite(api, 'gates: { thresholds: [{ metric: "schemaValidRate", min: 0 }] },');
    dirs.push(dir);
    api.respond = () => ({ hang: true });
    expect((await runCli(["run"], { cwd: dir, env: ENV })).code).toBe(3);
    const gate = await runCli(["gate"], { cwd: dir, env: ENV });
    expect(gate.code).toBe(3);
    expect(gate.stderr).toMatch(/m: no answer for 5 cases \(c1, c2, c3, c4, c5\)/);
    expect(gate.stderr).toMatch(/sent again by: npx callgrade run --resume \S+/);
    expect(gate.stderr).toMatch(/is incomplete, so it cannot pass the gate/);
  });
});

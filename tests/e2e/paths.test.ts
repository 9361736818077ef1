// A suite run from another folder keeps its store and reports beside its config, every command finds them
// the same way, and every command callgrade prints for the user to run next works when pasted as printed.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, ROOT, runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";

const CLI = path.join(ROOT, "dist", "cli.js");
const SMALL = path.join(ROOT, "tests/fixtures/suite-small");

/** Runs a printed line in bash as a user pasting it would, with `npx callgrade` meaning this build. */
function paste(line: string, cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const npx = `npx() { if [ "$1" = callgrade ]; then shift; "$NODE" "$CLI" "$@"; else return 127; fi; }`;
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-c", `${npx}\n${line}`],
      { cwd, env: { ...process.env, CI: "1", NODE: process.execPath, CLI, ...env } },
      (error, stdout, stderr) => {
        resolve({
          code: error && typeof error.code === "number" ? error.code : error ? 1 : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

/** The command after `prefix` on the line that has it. */
function printed(output: string, prefix: string): string {
  const line = output.split("\n").find((l) => l.includes(prefix));
  if (!line) throw new Error(`no line with "${prefix}" in:\n${output}`);
  return line.slice(line.indexOf(prefix) + prefix.length).replace(/\)$/, "");
}

describe("paths follow the suite; printed commands work when pasted", () => {
  let root: string;
  let suiteDir: string;
  let elsewhere: string;
  /** --config as typed from `elsewhere`: spaces, a quote and a dollar sign the shell must not expand. */
  let config: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "cg-paths-"));
    suiteDir = path.join(root, "team evals", `it's $HOME "small"`);
    cpSync(SMALL, suiteDir, { recursive: true });
    elsewhere = path.join(root, "elsewhere");
    mkdirSync(elsewhere);
    config = path.relative(elsewhere, path.join(suiteDir, "callgrade.config.ts"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("a run from another folder keeps its store and reports beside its config", async () => {
    const result = await runCli(["run", "--config", config], { cwd: elsewhere });
    expect(result.stderr).not.toContain("callgrade:");
    expect(result.code).toBe(0);
    expect(existsSync(path.join(suiteDir, ".callgrade", "callgrade.db"))).toBe(true);
    const runs = readdirSync(path.join(suiteDir, "reports"));
    expect(runs).toHaveLength(1);
    expect(readdirSync(path.join(suiteDir, "reports", runs[0] ?? ""))).toEqual(
      expect.arrayContaining(["summary.json", "report.md", "report.html"]),
    );
    expect(readdirSync(elsewhere)).toEqual([]);

    // The review command, pasted: the shell hands callgrade exactly the run and the config that were meant.
    const review = printed(result.stdout, "open them with: ");
    const argv = await paste(
      review.replace("npx callgrade", "node -e 'console.log(JSON.stringify(process.argv.slice(1)))' --"),
      elsewhere,
    );
    expect(JSON.parse(argv.stdout)).toEqual(["review", "--run", runs[0], "--config", config]);
  });

  it("report and gate from a third folder find the same store; a read-only command creates no store", async () => {
    const third = path.join(root, "third");
    mkdirSync(third);
    const fromThird = path.relative(third, path.join(suiteDir, "callgrade.config.ts"));
    const report = await runCli(["report", "--config", fromThird], { cwd: third });
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(path.join("reports"));
    const baseline = await runCli(["baseline", "--config", fromThird], { cwd: third });
    expect(baseline.code).toBe(0);
    expect(existsSync(path.join(suiteDir, "reports", "baseline", "summary.json"))).toBe(true);
    // A second run, then the gate command `baseline` printed, pasted as is.
    expect((await runCli(["run", "--config", fromThird], { cwd: third })).code).toBe(0);
    const gate = await paste(printed(baseline.stdout, "gate against it with: "), third);
    expect(gate.stderr).not.toContain("callgrade:");
    expect(gate.code).toBe(0);
    expect(gate.stdout).toMatch(/^gate (PASS|INCONCLUSIVE) · run \S+ vs baseline /);

    const missing = await runCli(["report", "--config", fromThird, "--store", "nowhere.db"], { cwd: third });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no store at .*nowhere\.db/);
    expect(readdirSync(third)).toEqual([]);
  });
});

describe("a resume printed after transient failures", () => {
  let api: FakeApi;
  let dir: string;
  beforeAll(async () => {
    api = await startFakeApi();
    dir = mkdtempSync(path.join(tmpdir(), "cg-resume paste-"));
    for (const file of ["calls.jsonl", "prompt.md", "kb.md"])
      cpSync(path.join(SMALL, file), path.join(dir, file));
    writeFileSync(
      path.join(dir, "callgrade.config.ts"),
      `import { z } from "zod";
export default {
  name: "resume-paste",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  knowledgeBase: "kb.md",
  schema: z.object({ name: z.string().nullable(), phone: z.string().nullable(), date: z.string().nullable(),
    size: z.number().nullable(), notes: z.string().nullable() }),
  models: [{ id: "m", provider: "openai", model: "x", baseURL: ${JSON.stringify(api.openaiBaseURL)}, maxRetries: 0 }],
};
`,
    );
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a finished run's transiently failed calls, and only those, are sent again; the run completes", async () => {
    const answer = { name: "Ana", phone: null, date: null, size: null, notes: null };
    let down = true;
    api.respond = ({ body }) =>
      down && JSON.stringify(body).includes("Tom Berg") ? { status: 500 } : { json: answer };
    const env = { OPENAI_API_KEY: "sk-test" };
    const first = await runCli(["run", "--store", "my store.db"], { cwd: dir, env });
    expect(first.code).toBe(3);
    const resume = printed(first.stderr, "are sent again by: ");
    expect(resume).toMatch(/--store 'my store.db'$/);
    down = false;
    const before = api.requests.length;
    const again = await paste(resume, dir, env);
    expect(again.stderr).not.toMatch(/callgrade:|no answer/);
    expect(again.code).toBe(0);
    const resent = api.requests.slice(before).map((r) => JSON.stringify(r.body));
    expect(resent).toHaveLength(1);
    expect(resent[0]).toContain("Tom Berg");
  });
});

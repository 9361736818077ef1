// callgrade never hangs and never ends without a word: a named pipe as the dataset, a config whose top-level
// await never settles, and a signal while it is busy with neither calls nor a run.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, startCli } from "../helpers/cli.js";

const SMALL = path.join(ROOT, "tests/fixtures/suite-small");

describe("nothing hangs", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-stuck-"));
    for (const file of ["prompt.md", "kb.md", "a.jsonl", "b.jsonl", "callgrade.config.ts"]) {
      copyFileSync(path.join(SMALL, file), path.join(dir, file));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a named pipe as the dataset is refused before it is opened, naming the file", async () => {
    execFileSync("mkfifo", [path.join(dir, "calls.jsonl")]);
    const result = await runCli(["run"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `callgrade: ${path.join(dir, "calls.jsonl")}: is not a regular file (a named pipe, socket or device); the dataset must be a .jsonl or .csv file\n`,
    );
  });

  it("a config whose top-level await never settles ends with exit 2 and says so", async () => {
    writeFileSync(path.join(dir, "never.config.ts"), "await new Promise(() => {});\nexport default {};\n");
    const result = await runCli(["run", "--config", "never.config.ts"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^callgrade: stopped waiting: .*top-level `await` in the config/);
  });

  it("SIGTERM while the config still loads ends the process within the grace period, saying how to resume", async () => {
    writeFileSync(
      path.join(dir, "slow.config.ts"),
      "await new Promise((r) => setTimeout(r, 60_000));\nexport default {};\n",
    );
    const { child, exited } = startCli(["run", "--config", "slow.config.ts"], { cwd: dir });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const sent = Date.now();
    child.kill("SIGTERM");
    const { code, stderr } = await exited;
    expect(Date.now() - sent).toBeLessThan(9_000);
    expect(code).toBe(143);
    expect(stderr).toMatch(
      /callgrade: still busy 5 s after SIGTERM; stopped\. What finished is stored\. Resume with: npx callgrade run --resume --config slow\.config\.ts/,
    );
  });

  it("a second SIGTERM ends it at once", async () => {
    const { child, exited } = startCli(["run", "--config", "slow.config.ts"], { cwd: dir });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = Date.now();
    child.kill("SIGTERM");
    const { code, stderr } = await exited;
    expect(Date.now() - sent).toBeLessThan(2_000);
    expect(code).toBe(143);
    expect(stderr).toContain("callgrade: SIGTERM again; stopped.");
  });
});

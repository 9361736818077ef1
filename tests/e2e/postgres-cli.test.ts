// Every command against a PostgreSQL store, as a CI job runs them: the address on the command line or in
// CALLGRADE_STORE, and its password in nothing callgrade prints or writes.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, ROOT, runCli } from "../helpers/cli.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

/** Every file under `dir`, read as text. */
function filesUnder(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => [file, readFileSync(file, "latin1")]);
}

describe("the CLI on a PostgreSQL store", () => {
  let server: TestPostgres;
  let dir: string;
  let url: string;
  const outputs: CliResult[] = [];
  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const result = await runCli(args, { cwd: dir, env });
    outputs.push(result);
    return result;
  };

  beforeAll(async () => {
    server = await startPostgres();
    url = server.database("cli");
    dir = mkdtempSync(path.join(tmpdir(), "cg-pg-cli-"));
    cpSync(path.join(ROOT, "tests/fixtures/suite-small"), dir, { recursive: true });
  });

  afterAll(() => server?.destroy());

  it("runs, resumes, lists, reports, gates, compares and exports gold", async () => {
    const first = await cli(["run", "--store", url, "--out", "first"]);
    expect(first.code).toBe(0);
    const runA = JSON.parse(readFileSync(path.join(dir, "first", "summary.json"), "utf8")).runId as string;
    // The address from the environment: what a CI job does with a secret.
    const second = await cli(["run", "--out", "second"], { CALLGRADE_STORE: url });
    expect(second.code).toBe(0);
    const runB = JSON.parse(readFileSync(path.join(dir, "second", "summary.json"), "utf8")).runId as string;
    const resumed = await cli(["run", "--resume", "--out", "resumed"], { CALLGRADE_STORE: url });
    expect(resumed.code).toBe(0);
    const runs = await cli(["runs"], { CALLGRADE_STORE: url });
    expect(runs.code).toBe(0);
    expect(runs.stdout).toContain(runA);
    expect(runs.stdout).toContain(runB);
    const report = await cli(["report", runA, "--out", "reported"], { CALLGRADE_STORE: url });
    expect(report.code).toBe(0);
    expect(readFileSync(path.join(dir, "reported", "summary.json"), "utf8")).toContain(runA);
    const gate = await cli(["gate", "--run", runB, "--baseline", runA, "--out", "gated"], {
      CALLGRADE_STORE: url,
    });
    expect([0, 1], gate.stderr).toContain(gate.code);
    const compare = await cli(["compare", runA, runB], { CALLGRADE_STORE: url });
    expect(compare.code).toBe(0);
    const gold = await cli(["export-gold", "--run", runA, "--out", "gold.jsonl"], { CALLGRADE_STORE: url });
    expect(gold.code).toBe(0);
  });

  it("says why it cannot open a store, with the password masked, and exits 2", async () => {
    const wrong = url.replace(
      encodeURIComponent(server.password),
      encodeURIComponent(`${server.password}-wrong`),
    );
    const result = await cli(["runs", "--store", wrong]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot open the store: the server refused the user name or password/);
    expect(result.stderr).toContain("callgrade:***@127.0.0.1");
  });

  it("never prints or writes the password", () => {
    const secrets = [server.password, encodeURIComponent(server.password)];
    for (const { stdout, stderr } of outputs) {
      for (const secret of secrets) {
        expect(stdout).not.toContain(secret);
        expect(stderr).not.toContain(secret);
      }
    }
    for (const [file, text] of filesUnder(dir)) {
      for (const secret of secrets) expect(text.includes(secret), file).toBe(false);
    }
  });
});

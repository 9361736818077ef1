// --reporter picks the built-in reporters by name and loads the user's own from a file.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

describe("--reporter", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-reporters-"));
    cpSync(path.join(ROOT, "tests/fixtures/suite-small"), dir, { recursive: true });
    writeFileSync(
      path.join(dir, "tally-reporter.ts"),
      `import type { Reporter } from "callgrade";
let calls = 0;
const reporter: Reporter = {
  name: "tally",
  onRunEvent(event) {
    if (event.type === "call-finished") calls++;
  },
  onReport({ summary }, out) {
    out.file("tally.txt", \`\${calls} calls, \${summary.models.length} models\\n\`);
    out.print("tally written");
  },
};
export default reporter;
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("json alone writes summary.json and prints no table", async () => {
    const result = await runCli(["run", "--reporter", "json"], { cwd: dir });
    expect(result.code).toBe(0);
    const [runId] = readdirSync(path.join(dir, "reports"));
    expect(readdirSync(path.join(dir, "reports", runId ?? ""))).toEqual(["summary.json"]);
    expect(result.stdout).not.toMatch(/field acc/);
    expect(result.stdout).toContain(`report: ${path.join("reports", runId ?? "", "summary.json")}`);
  });

  it("a reporter module of the user's is loaded from its path, beside the built-ins", async () => {
    const result = await runCli(["run", "--reporter", "console,./tally-reporter.ts", "--out", "out"], {
      cwd: dir,
    });
    expect(result.stderr).not.toContain("callgrade:");
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(dir, "out", "tally.txt"), "utf8")).toBe("10 calls, 2 models\n");
    expect(result.stdout).toMatch(/field acc/);
    expect(result.stdout).toContain("tally written");
  });

  it("an unknown name or a module that is no reporter is a usage error naming it", async () => {
    const unknown = await runCli(["report", "--reporter", "pdf"], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--reporter pdf: no such reporter; built-in: console, json/);
    writeFileSync(path.join(dir, "not-one.ts"), "export default 42;\n");
    const bad = await runCli(["report", "--reporter", "./not-one.ts"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--reporter \.\/not-one\.ts: its default export must be a reporter/);
  });
});

// --reporter picks the built-in reporters by name and loads the user's own from a file.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
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
    expect(readdirSync(path.join(dir, "reports", runId ?? "")).sort()).toEqual([
      ".callgrade-report",
      "summary.json",
    ]);
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

describe("--out into a folder that is not callgrade's", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-out-"));
    cpSync(path.join(ROOT, "tests/fixtures/suite-small"), dir, { recursive: true });
    mkdirSync(path.join(dir, "mine"));
    writeFileSync(path.join(dir, "mine", "notes.txt"), "my notes\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is refused before any call, naming a file of the user's, and written into with --force", async () => {
    const refused = await runCli(["run", "--out", "mine"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/mine: not a callgrade report folder \(it holds "notes\.txt"\).*--force/);
    expect(existsSync(path.join(dir, ".callgrade"))).toBe(false);
    const forced = await runCli(["run", "--out", "mine", "--force"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, "mine", "notes.txt"), "utf8")).toBe("my notes\n");
    expect(existsSync(path.join(dir, "mine", "summary.json"))).toBe(true);
    // callgrade's own report folder is written into again without --force.
    const again = await runCli(["report", "--out", "out"], { cwd: dir });
    expect(again.code).toBe(0);
    expect((await runCli(["report", "--out", "out"], { cwd: dir })).code).toBe(0);
  });
});

// docs/github-actions.yml is for a user's repository: each `run:` is one plain command, the header comment
// lists the same script, and the callgrade commands work on a suite made by `callgrade init evals`.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";

const WORKFLOW = readFileSync(path.join(ROOT, "docs", "github-actions.yml"), "utf8");
const runLines = [...WORKFLOW.matchAll(/^ {8}(?:- )?run: (.*)$/gm)].map((match) => match[1] ?? "");
const scriptLines = WORKFLOW.slice(0, WORKFLOW.indexOf("\nname:"))
  .split("\n")
  .filter((line) => line.startsWith("#   "))
  .map((line) => line.slice(4));

describe("docs/github-actions.yml", () => {
  it("runs one plain command per step, the same script its header shows", () => {
    expect(WORKFLOW).not.toMatch(/^\s+run: [|>]/m);
    expect(runLines).toEqual([
      "npm ci",
      "npx callgrade run --config evals/callgrade.config.ts --out reports/candidate",
      "npx callgrade gate --config evals/callgrade.config.ts --baseline evals/reports/baseline/summary.json --junit reports/junit.xml --out reports/candidate",
    ]);
    for (const line of runLines) expect(line).not.toContain("${{");
    expect(scriptLines.slice(0, runLines.length)).toEqual(runLines);
  });

  it("its callgrade commands gate a fresh suite against the baseline it committed", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-actions-"));
    const callgrade = (line: string) => runCli(line.replace(/^npx callgrade /, "").split(" "), { cwd: dir });
    expect((await runCli(["init", "evals"], { cwd: dir })).code).toBe(0);
    const baseline = scriptLines.find((line) => line.includes("--save-baseline")) ?? "";
    expect((await callgrade(baseline)).code).toBe(0);
    for (const line of runLines.filter((command) => command.startsWith("npx callgrade "))) {
      const result = await callgrade(line);
      expect(result.code, `${line}\n${result.stderr}`).toBe(0);
    }
    for (const file of ["reports/candidate/report.md", "reports/candidate/report.html", "reports/junit.xml"])
      expect(existsSync(path.join(dir, file)), file).toBe(true);
  });
});

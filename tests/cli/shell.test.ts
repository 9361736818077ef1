import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { followUp, shellQuote } from "../../src/cli/shell.js";

/** What bash hands a program for `line`, as a JSON array. */
function argv(line: string): string[] {
  const echo = `node -e 'console.log(JSON.stringify(process.argv.slice(1)))' --`;
  return JSON.parse(execFileSync("bash", ["-c", line.replace(/^npx callgrade/, echo)], { encoding: "utf8" }));
}

describe("printed commands", () => {
  it("leave plain arguments bare", () => {
    expect(
      followUp(["review", "--run", "20261207-101500-ab12"], { config: "evals/callgrade.config.ts" }),
    ).toBe("npx callgrade review --run 20261207-101500-ab12 --config evals/callgrade.config.ts");
  });

  it("reach the program exactly as meant, whatever the path holds", () => {
    const hostile = [
      "my evals/it's here/callgrade.config.ts",
      "$HOME/`whoami`/x.ts",
      'say "hi"; rm -rf /',
      "tab\there",
      "star*?[a]",
      "-",
      "ünïcödé/配置.ts",
    ];
    for (const value of hostile) {
      expect(argv(followUp(["report", "r1"], { config: value, store: value }))).toEqual([
        "report",
        "r1",
        "--config",
        value,
        "--store",
        value,
      ]);
    }
  });

  it("quote an empty argument so it is still an argument", () => {
    expect(shellQuote("")).toBe("''");
  });
});

// `npm run demo:judge` really shows the judge's numbers converging: with every note graded, the estimate is the
// truth the demo knows, while the strict simulated judge's own number stays away from it.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};

it("grades the notes queue to its end, and the estimate arrives at the truth where the judge does not", async () => {
  expect(PACKAGE.scripts["demo:judge"]).toBe("tsx scripts/demo-judge.ts");
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/demo-judge.ts"],
      { cwd: ROOT, env: { ...process.env, CI: "1", OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "" } },
      (error, out) => (error ? reject(error) : resolve(out)),
    );
  });
  expect(stdout).toMatch(/^SIMULATED: /);
  const rows = stdout.split("\n").filter((line) => /^\s+\d+\s{2}/.test(line));
  expect(rows[0]).toMatch(/^\s+0\s+— · judge/);
  const cells = /^\s+(\d+)\s+(.+?)\s{2,}(.+)$/.exec(rows.at(-1) ?? "");
  expect(Number(cells?.[1])).toBe(56);
  for (const cell of [cells?.[2], cells?.[3]]) {
    const [, estimate, judge, truth] =
      /^([\d.]+)% \[.*\] · judge ([\d.]+)% · truth ([\d.]+)%$/.exec(cell ?? "") ?? [];
    expect(estimate).toBe(truth);
    expect(judge).not.toBe(truth);
  }
});

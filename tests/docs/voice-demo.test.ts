// docs/voice.md shows what `npm run demo:voice` prints; the demo is run here, so the page cannot rot.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

const PAGE = readFileSync(path.join(ROOT, "docs", "voice.md"), "utf8");
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};

function codeBlockAfter(phrase: string): string {
  const start = PAGE.indexOf(phrase);
  expect(start, `docs/voice.md has "${phrase}"`).toBeGreaterThan(-1);
  const bodyStart = PAGE.indexOf("\n", PAGE.indexOf("```", start)) + 1;
  return PAGE.slice(bodyStart, PAGE.indexOf("\n```", bodyStart));
}

it("shows the tables npm run demo:voice really prints: audio made with flite, recognised by pocketsphinx", async () => {
  expect(PACKAGE.scripts["demo:voice"]).toMatch(/(^|&& )tsx scripts\/voice-demo\.ts$/);
  const dir = mkdtempSync(path.join(tmpdir(), "cg-voice-demo-"));
  const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/voice-demo.ts",
        "--store",
        path.join(dir, "s.db"),
        "--out",
        path.join(dir, "out"),
      ],
      { cwd: ROOT, env: { ...process.env, CI: "1", OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "" } },
      (error, stdout) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }),
    );
  });
  expect(result.code).toBe(0);
  const shown = codeBlockAfter("runs the demo and checks them")
    .split("\n")
    .filter((line) => line.trim() !== "");
  expect(shown.length).toBe(14);
  for (const line of shown) expect(result.stdout).toContain(line);
  const report = readFileSync(path.join(dir, "out", "report.md"), "utf8");
  expect(report).toContain("## Voice stage");
}, 120_000); // synthesis and recognition of 8 calls: ~10–20 s alone, more on 2 cores busy with the suite

// The README's commands and numbers are run here, so they cannot rot.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { asrRecogniserSchema } from "../src/asr/recognisers/index.js";
import {
  anthropicModel,
  configSchema,
  customModel,
  gatesSchema,
  openaiModel,
  replayModel,
  reviewSettings,
} from "../src/config/schema.js";
import { ROOT, runCli } from "./helpers/cli.js";

const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

function codeBlockAfter(heading: string, fence = "```"): string {
  const start = README.indexOf(heading);
  expect(start, `README has "${heading}"`).toBeGreaterThan(-1);
  const open = README.indexOf(fence, start);
  const bodyStart = README.indexOf("\n", open) + 1;
  return README.slice(bodyStart, README.indexOf("\n```", bodyStart));
}

const tableRows = (text: string) =>
  text
    .split("\n")
    .filter((line) => /^[\w.-]+\s{2,}\d/.test(line))
    .map((line) => line.trimEnd());

describe("README", () => {
  it("starts with exactly the two set-up commands", () => {
    const lines = codeBlockAfter("# callgrade").split("\n");
    expect(lines.map((line) => line.split("#")[0]?.trim())).toEqual([
      "npm ci && npm start",
      "npm ci && npm test",
    ]);
    expect(PACKAGE.scripts.start).toBe("node bin/callgrade.js run --config callgrade.config.ts");
  });

  it("shows the table npm start really prints", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-readme-"));
    const [command, ...args] = (PACKAGE.scripts.start ?? "").split(" ").slice(1);
    const result = await runCli([...args, "--store", path.join(dir, "s.db"), "--out", path.join(dir, "out")]);
    expect(command).toBe("bin/callgrade.js");
    expect(result.code).toBe(0);
    const shown = codeBlockAfter("It ends with this table");
    expect(tableRows(shown)).toEqual(tableRows(result.stdout));
    expect(tableRows(shown).length).toBeGreaterThan(10);
  });

  it("quick start: init, then run, works offline in an empty folder", async () => {
    const steps = codeBlockAfter("## Quick start").split("\n");
    expect(steps).toEqual(["npx callgrade init my-suite", "cd my-suite", "npx callgrade run"]);
    const dir = mkdtempSync(path.join(tmpdir(), "cg-quick-"));
    const init = await runCli(["init", "my-suite"], { cwd: dir });
    expect(init.code).toBe(0);
    const run = await runCli(["run"], { cwd: path.join(dir, "my-suite") });
    expect(run.stderr).toContain("skipped gpt-4.1-mini: no API key");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^recorded\s+3\s+0\s+100\.0%/m);
    expect(run.stdout).toContain("report: reports/");
  });

  it("init refuses to overwrite a suite", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-quick-"));
    expect((await runCli(["init"], { cwd: dir })).code).toBe(0);
    const again = await runCli(["init"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("would overwrite callgrade.config.ts");
  });

  it("documents every config and model option", () => {
    const reference = README.slice(
      README.indexOf("## Config reference"),
      README.indexOf("## Responses are cached"),
    );
    const documented = new Set([...reference.matchAll(/^\| `([\w.]+)`\s+\|/gm)].map((m) => m[1]));
    const nested = ["scoring", "review", "gates", "asr"];
    const suiteKeys = Object.keys(configSchema.shape).filter((key) => !nested.includes(key));
    const gateKeys = [
      ...Object.keys(gatesSchema.shape).map((key) => `gates.${key}`),
      ...Object.keys(gatesSchema.shape.regression.unwrap().shape).map((key) => `gates.regression.${key}`),
    ].filter((key) => key !== "gates.regression");
    const scoringKeys = Object.keys(configSchema.shape.scoring.unwrap().shape).map((key) => `scoring.${key}`);
    const reviewKeys = Object.keys(reviewSettings.shape).map((key) => `review.${key}`);
    const asrKeys = Object.keys(configSchema.shape.asr.unwrap().shape).map((key) => `asr.${key}`);
    const modelKeys = [openaiModel, anthropicModel, replayModel, customModel].flatMap((schema) =>
      Object.keys(schema.shape),
    );
    const recogniserKeys = asrRecogniserSchema.options.flatMap((schema) => Object.keys(schema.shape));
    for (const key of [
      ...suiteKeys,
      ...scoringKeys,
      ...reviewKeys,
      ...gateKeys,
      ...asrKeys,
      ...modelKeys,
      ...recogniserKeys,
    ])
      expect(documented, key).toContain(key);
  });

  it("says why every dependency is there", () => {
    const section = README.slice(README.indexOf("## Dependencies"));
    for (const name of Object.keys(PACKAGE.dependencies)) expect(section, name).toContain(`\`${name}\``);
  });

  it("shows the tables npm run demo:voice really prints: audio made with flite, recognised by pocketsphinx", async () => {
    expect(PACKAGE.scripts["demo:voice"]).toBe("tsx scripts/voice-demo.ts");
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
    const shown = codeBlockAfter("demo and checks them")
      .split("\n")
      .filter((line) => line.trim() !== "");
    expect(shown.length).toBe(14);
    for (const line of shown) expect(result.stdout).toContain(line);
    const report = readFileSync(path.join(dir, "out", "report.md"), "utf8");
    expect(report).toContain("## Voice stage");
  });
});

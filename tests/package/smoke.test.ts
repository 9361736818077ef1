// callgrade as a user gets it: the packed tarball installed into a fresh project, then the CLI, the types,
// the library and the example CI workflow used from there.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec } from "./exec.js";
import { installProject, npx, packRepository, ROOT, tarballFiles, workspace } from "./project.js";
import {
  actionPaths,
  callgradeSteps,
  freshCheckout,
  gatedBaseline,
  matchingFiles,
  runSteps,
} from "./run-workflow.js";
import { TSCONFIGS, writeTsconfig } from "./tsconfigs.js";
import { parseSteps } from "./workflow.js";

const CONFIG = "evals/callgrade.config.ts";
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;

let root = "";
let tarball = "";
let project = "";

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "callgrade-package-"));
  tarball = await packRepository(path.join(root, "pack"));
  project = path.join(root, "project");
  await installProject(project, tarball);
}, 600_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A new project folder sharing the installed node_modules, with the suite `callgrade init evals` writes. */
async function initSuite(name: string): Promise<string> {
  const dir = workspace(project, name);
  const init = await npx(dir, "callgrade", "init", "evals");
  expect(init.code, init.log).toBe(0);
  expect(existsSync(path.join(dir, CONFIG)), init.log).toBe(true);
  return dir;
}

describe("the tarball", () => {
  it("holds the built package, its docs and licence, and nothing of the repository's sources", async () => {
    const files = await tarballFiles(tarball);
    for (const file of [
      "dist/cli.js",
      "dist/index.js",
      "dist/types/index.d.ts",
      "package.json",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
    ]) {
      expect(files, `${file} is missing from the tarball`).toContain(file);
    }
    const forbidden = ["tests/", "bench/", "datasets/", "scripts/", ".ci/", "src/"];
    expect(files.filter((file) => forbidden.some((dir) => file.startsWith(dir)))).toEqual([]);
    const topLevel = new Set(["package.json", "README.md", "LICENSE", "CHANGELOG.md"]);
    expect(files.filter((file) => !file.startsWith("dist/") && !topLevel.has(file))).toEqual([]);
  });

  it("stays small: fewer than 150 files", async () => {
    const files = await tarballFiles(tarball);
    const byFolder = new Map<string, number>();
    for (const file of files) {
      const folder = file.split("/").slice(0, 2).join("/");
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
    }
    const counts = [...byFolder].map(([folder, n]) => `${folder}: ${n}`).join(", ");
    expect(files.length, `files by folder: ${counts}`).toBeLessThan(150);
  });
});

describe("the CLI in a user's project", () => {
  let dir = "";

  it("--version prints the package's version", async () => {
    const ran = await npx(project, "callgrade", "--version");
    expect(ran.code, ran.log).toBe(0);
    expect(ran.stdout.trim()).toBe(VERSION);
  });

  it("init writes a suite that run, report and export-gold work on offline", async () => {
    dir = await initSuite("cli");
    for (const command of ["run", "report", "export-gold"]) {
      const ran = await npx(dir, "callgrade", command, "--config", CONFIG);
      expect(ran.code, ran.log).toBe(0);
    }
  }, 120_000);

  // These two read what the case above left in `dir`.
  it("gate passes on the init suite at once", async () => {
    expect(dir, "the init/run case did not make the suite").not.toBe("");
    const ran = await npx(dir, "callgrade", "gate", "--config", CONFIG);
    expect(ran.code, ran.log).toBe(0);
  });

  it("puts the store and the reports beside the config, not in the project root", () => {
    expect(dir, "the init/run case did not make the suite").not.toBe("");
    const evals = path.join(dir, "evals");
    expect(existsSync(path.join(evals, ".callgrade", "callgrade.db")), "evals/.callgrade/callgrade.db").toBe(
      true,
    );
    const runs = existsSync(path.join(evals, "reports")) ? readdirSync(path.join(evals, "reports")) : [];
    expect(runs, "one run's folder in evals/reports/").toHaveLength(1);
    const written = readdirSync(path.join(evals, "reports", runs[0] as string));
    expect(written).toEqual(
      expect.arrayContaining(["summary.json", "report.md", "report.html", "gold.jsonl"]),
    );
    expect(existsSync(path.join(dir, ".callgrade")), ".callgrade/ in the project root").toBe(false);
    expect(existsSync(path.join(dir, "reports")), "reports/ in the project root").toBe(false);
  });
});

describe("the types", () => {
  const checked = [CONFIG, "evals/schemas/**/*.ts"];

  it.each(Object.keys(TSCONFIGS))("a user's config type-checks with the %s tsconfig", async (name) => {
    const dir = await initSuite(`types-${name}`);
    const ran = await npx(dir, "tsc", "--noEmit", "-p", writeTsconfig(dir, name, checked));
    expect(ran.code, ran.log).toBe(0);
  });

  it("a config with a wrongly typed option fails the type-check", async () => {
    const dir = await initSuite("types-wrong");
    const file = path.join(dir, CONFIG);
    const right = readFileSync(file, "utf8");
    const wrong = right.replace("concurrency: 8,", 'concurrency: "8",');
    expect(wrong, "the init config no longer sets concurrency: 8").not.toBe(right);
    writeFileSync(file, wrong);
    const ran = await npx(dir, "tsc", "--noEmit", "-p", writeTsconfig(dir, "nodenext", checked));
    expect(ran.code, ran.log).not.toBe(0);
    expect(ran.stdout, ran.log).toMatch(/callgrade\.config\.ts\(\d+,\d+\): error TS\d+/);
  });
});

describe("the library", () => {
  it("plain Node imports defineConfig", async () => {
    const dir = workspace(project, "plain");
    writeFileSync(
      path.join(dir, "plain.mjs"),
      'import { defineConfig } from "callgrade";\nconsole.log(typeof defineConfig);\n',
    );
    const ran = await exec("node", ["plain.mjs"], dir);
    expect(ran.code, ran.log).toBe(0);
    expect(ran.stdout).toBe("function\n");
  });

  it("loadSuite and run score the suite and print nothing themselves", async () => {
    const dir = await initSuite("api");
    writeFileSync(
      path.join(dir, "api.mjs"),
      `import { loadSuite, run } from "callgrade";
const suite = await loadSuite(${JSON.stringify(CONFIG)});
const result = await run(suite);
console.log(JSON.stringify({ models: result.summary.models.map((m) => m.id), fieldAccuracy: result.summary.models[0].fieldAccuracy, exitCode: result.exitCode }));
`,
    );
    const ran = await exec("node", ["api.mjs"], dir);
    expect(ran.code, ran.log).toBe(0);
    const lines = ran.stdout.trimEnd().split("\n");
    expect(lines, "stdout holds only the script's own line").toHaveLength(1);
    const out = JSON.parse(lines[0] as string) as {
      models: unknown;
      fieldAccuracy: unknown;
      exitCode: unknown;
    };
    expect(out.models).toContain("recorded");
    expect(out.fieldAccuracy).toEqual(expect.any(Number));
    expect(out.exitCode).toBe(0);
  }, 120_000);
});

describe("docs/github-actions.yml", () => {
  it("its callgrade steps pass in a user's repository and leave the files it uploads", async () => {
    const dir = await initSuite("workflow-repo");
    const steps = parseSteps(readFileSync(path.join(ROOT, "docs", "github-actions.yml"), "utf8"));
    const ours = callgradeSteps(steps);
    expect(ours.length, "callgrade steps after `npm ci`").toBeGreaterThan(0);

    // The repository has committed a baseline, made as the workflow's comments say; the rest is a fresh checkout.
    const saved = await npx(dir, "callgrade", "run", "--config", CONFIG, "--save-baseline");
    expect(saved.code, saved.log).toBe(0);
    const baseline = gatedBaseline(ours);
    if (baseline) {
      expect(
        existsSync(path.join(dir, baseline)),
        `${baseline}, the baseline the workflow gates against`,
      ).toBe(true);
    }
    freshCheckout(dir, baseline);

    const summary = path.join(root, "step-summary.md");
    writeFileSync(summary, "");
    const results = await runSteps(ours, dir, root, summary);
    for (const result of results) expect(result.code, result.log).toBe(0);
    expect(results).toHaveLength(ours.length);

    const uploads = actionPaths(steps, "actions/upload-artifact");
    expect(uploads.length, "paths the workflow uploads").toBeGreaterThan(0);
    for (const upload of uploads) expect(matchingFiles(dir, upload), `uploaded ${upload}`).not.toEqual([]);
    // The cache steps save the store the run just wrote, so they must name where it is.
    for (const cached of actionPaths(steps, "actions/cache/restore")) {
      expect(matchingFiles(dir, cached), `cached ${cached}`).not.toEqual([]);
    }
    expect(readFileSync(summary, "utf8"), "the gate's $GITHUB_STEP_SUMMARY").not.toBe("");
  }, 180_000);
});

// The README's commands and numbers are run here, so they cannot rot.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./helpers/cli.js";

const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, `README has "${heading}"`).toBeGreaterThan(-1);
  const end = README.indexOf("\n## ", start + heading.length + 2);
  return README.slice(start, end === -1 ? undefined : end);
}

function codeBlockAfter(heading: string, fence = "```"): string {
  const start = README.indexOf(heading);
  expect(start, `README has "${heading}"`).toBeGreaterThan(-1);
  const open = README.indexOf(fence, start);
  const bodyStart = README.indexOf("\n", open) + 1;
  return README.slice(bodyStart, README.indexOf("\n```", bodyStart));
}

/** The commands of every ```sh block in a section, comments dropped. */
function commandBlocks(text: string): string[][] {
  return [...text.matchAll(/```sh\n([\s\S]*?)\n```/g)].map((block) =>
    (block[1] ?? "").split("\n").map((line) => line.replace(/\s+#.*$/, "").trim()),
  );
}

/** `npx callgrade ARGS` run as the built CLI in `cwd`; anything else is a mistake in the README. */
function callgrade(command: string, cwd: string) {
  expect(command, "a README command").toMatch(/^npx callgrade /);
  return runCli(command.replace(/^npx callgrade /, "").split(/\s+/), { cwd });
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
    expect(PACKAGE.scripts.start).toBe("node dist/cli.js run --config callgrade.config.ts");
  });

  it("shows the table npm start really prints", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-readme-"));
    const [command, ...args] = (PACKAGE.scripts.start ?? "").split(" ").slice(1);
    const result = await runCli([...args, "--store", path.join(dir, "s.db"), "--out", path.join(dir, "out")]);
    expect(command).toBe("dist/cli.js");
    expect(result.code).toBe(0);
    const shown = codeBlockAfter("It ends with this table");
    expect(tableRows(shown)).toEqual(tableRows(result.stdout));
    expect(tableRows(shown).length).toBeGreaterThan(10);
  });

  it("installs callgrade with zod, its peer", () => {
    expect(codeBlockAfter("## Install")).toBe("npm i -D callgrade zod");
    expect(Object.keys(PACKAGE.peerDependencies)).toEqual(["zod"]);
  });

  it("quick start: init, run, report and the gate work offline in an empty folder", async () => {
    const [setup, next, gate, ...rest] = commandBlocks(section("## Quick start"));
    expect(rest).toEqual([]);
    expect(setup).toEqual([
      "npx callgrade init evals",
      "npx callgrade run --config evals/callgrade.config.ts",
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), "cg-quick-"));
    const init = await callgrade(setup?.[0] ?? "", dir);
    expect(init.code).toBe(0);
    const run = await callgrade(setup?.[1] ?? "", dir);
    expect(run.stderr).toContain("skipped gpt-4.1-mini: no API key");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^recorded\s+3\s+0\s+100\.0%/m);
    expect(run.stdout).toMatch(/^report: evals\/reports\//m);

    // `review` needs a terminal (tests/e2e drives it in tmux); the rest runs here, in order.
    expect(next?.some((command) => command.startsWith("npx callgrade review --config"))).toBe(true);
    for (const command of [...(next ?? []), ...(gate ?? [])].filter((line) => !line.includes(" review "))) {
      const result = await callgrade(command, dir);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
    }
    expect(existsSync(path.join(dir, "reports", "junit.xml"))).toBe(true);
  });

  it("init refuses to overwrite a suite", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-quick-"));
    expect((await runCli(["init"], { cwd: dir })).code).toBe(0);
    const again = await runCli(["init"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("would overwrite callgrade.config.ts");
  });

  it("links every page in docs/, and every link leads to a file", () => {
    const links = [...README.matchAll(/\]\(((?:docs\/)?[\w./-]+\.(?:md|yml))(?:#[\w-]+)?\)/g)].map(
      (m) => m[1],
    );
    for (const link of links) expect(existsSync(path.join(ROOT, link ?? "")), link).toBe(true);
    for (const page of readdirSync(path.join(ROOT, "docs"))) expect(links, page).toContain(`docs/${page}`);
  });

  it("says why every dependency is there, peer and development ones included", () => {
    const text = section("## Dependencies, and why each is there");
    const names = [
      ...Object.keys(PACKAGE.dependencies),
      ...Object.keys(PACKAGE.peerDependencies),
      ...Object.keys(PACKAGE.devDependencies),
    ];
    for (const name of names)
      expect(text, name).toContain(name.startsWith("@types/") ? "`@types/`" : `\`${name}\``);
  });

  it("stays a page or two", () => {
    expect(README.split("\n").length).toBeLessThan(250);
  });
});

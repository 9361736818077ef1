// Runs the callgrade steps of the example workflow in a project, as a GitHub runner would run their `run:`.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exec, type Ran, userEnv } from "./exec.js";
import type { Step } from "./workflow.js";

/** The `run:` steps after `npm ci` that call callgrade: the ones a user's repository relies on us for. */
export function callgradeSteps(steps: Step[]): Step[] {
  const install = steps.findIndex((step) => step.run?.trim() === "npm ci");
  if (install === -1) throw new Error("the workflow has no `run: npm ci` step");
  return steps.slice(install + 1).filter((step) => step.run !== undefined && /\bcallgrade\b/.test(step.run));
}

/** The paths listed under `with: path:` of the steps that use `action` (e.g. actions/upload-artifact). */
export function actionPaths(steps: Step[], action: string): string[] {
  return steps
    .filter((step) => step.uses?.startsWith(`${action}@`))
    .flatMap((step) => (step.with.path ?? "").split("\n"))
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("!"));
}

/** The baseline file the steps gate against (`--baseline FILE`), if they name one. */
export function gatedBaseline(steps: Step[]): string | undefined {
  return /--baseline\s+(\S+)/.exec(steps.map((step) => step.run).join("\n"))?.[1];
}

/** Leaves what a fresh checkout of the user's repository holds: the suite and the committed baseline. */
export function freshCheckout(dir: string, baseline: string | undefined): void {
  const file = baseline && path.join(dir, baseline);
  const committed = file && existsSync(file) ? readFileSync(file) : undefined;
  for (const made of [".callgrade", "reports", "evals/.callgrade", "evals/reports"]) {
    rmSync(path.join(dir, made), { recursive: true, force: true });
  }
  if (file && committed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, committed);
  }
}

/**
 * Each step in its own `bash -e` (GitHub's default shell), one after another; stops at the first that fails,
 * as the runner skips the steps after a failure. Secrets (`${{ ... }}` env values) are absent, as in a fork.
 */
export async function runSteps(steps: Step[], cwd: string, scratch: string, summary: string): Promise<Ran[]> {
  const results: Ran[] = [];
  for (const [i, step] of steps.entries()) {
    const script = step.run ?? "";
    if (script.includes("${{"))
      throw new Error(`step "${step.name}" needs an expression this test cannot evaluate`);
    if (step.shell && step.shell !== "bash") throw new Error(`step "${step.name}" uses shell ${step.shell}`);
    const env = Object.fromEntries(Object.entries(step.env).filter(([, value]) => !value.includes("${{")));
    const file = path.join(scratch, `step-${i + 1}.sh`);
    writeFileSync(file, `${script}\n`);
    const ran = await exec(
      "bash",
      ["-e", file],
      path.join(cwd, step["working-directory"] ?? "."),
      userEnv({ ...env, CI: "true", GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary }),
    );
    results.push({ ...ran, log: `step "${step.name ?? script}":\n${script}\n${ran.log}` });
    if (ran.code !== 0) break;
  }
  return results;
}

/** The files a `path:` entry names: one file or folder, or a glob (`*`, `**`) like actions/upload-artifact's. */
export function matchingFiles(root: string, pattern: string): string[] {
  if (!/[*?[]/.test(pattern)) return existsSync(path.join(root, pattern)) ? [pattern] : [];
  const fixed = pattern.split("/").findIndex((part) => /[*?[]/.test(part));
  const base = pattern.split("/").slice(0, fixed).join("/");
  const regex = new RegExp(
    `^${pattern
      .split("**")
      .map((part) =>
        part
          .replace(/[.+^${}()|\\]/g, "\\$&")
          .replace(/\*/g, "[^/]*")
          .replace(/\?/g, "[^/]"),
      )
      .join(".*")}$`,
  );
  if (!existsSync(path.join(root, base))) return [];
  return readdirSync(path.join(root, base), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => regex.test(file));
}

// GitHub shows what a step appends to $GITHUB_STEP_SUMMARY on the run's page.
import { appendFileSync } from "node:fs";
import { CallgradeError } from "../core/errors.js";

/**
 * Appends `markdown` to the file $GITHUB_STEP_SUMMARY names (other steps may have written there, so never
 * overwrite). Returns the path, or undefined when the variable is not set (not on GitHub Actions).
 */
export function writeStepSummary(markdown: string, env: NodeJS.ProcessEnv): string | undefined {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path) return undefined;
  try {
    appendFileSync(path, markdown.endsWith("\n") ? markdown : `${markdown}\n`, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CallgradeError(
      "USAGE",
      `GITHUB_STEP_SUMMARY=${path}: cannot append the gate summary: ${reason}`,
    );
  }
  return path;
}

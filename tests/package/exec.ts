// Runs commands in the temporary user project with a user's environment, not the one `npm test` gives us.
import { spawn } from "node:child_process";
import path from "node:path";

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** The command and its output, for an assertion's message. */
  log: string;
}

/**
 * `npm test` exports npm_* variables (npm_config_local_prefix names this repository, and npm obeys it) and
 * puts this repository's node_modules/.bin on PATH; a user's shell has neither. No provider keys: models
 * that need one are skipped, the offline replay model runs.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.toLowerCase().startsWith("npm_") || key === "OPENAI_API_KEY" || key === "ANTHROPIC_API_KEY")
      continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => !dir.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  env.CI = "1";
  return { ...env, ...extra };
}

export function exec(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = userEnv(),
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const finish = (code: number, why = "") => {
      const log = `$ ${[command, ...args].join(" ")}  (in ${cwd}) → exit ${code}${why}\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`;
      resolve({ code, stdout, stderr, log });
    };
    child.on("error", (error) => finish(127, `: ${error.message}`));
    child.on("close", (code, signal) => finish(code ?? 128, signal ? ` (killed by ${signal})` : ""));
  });
}

/** A failing install prints pages; the end says why. */
function tail(text: string, max = 6000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

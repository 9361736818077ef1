// Runs the real CLI entry (dist/cli.js, built from src/ before the tests) in a child process, as a user or CI would.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.join(ROOT, "dist", "cli.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** No provider keys leak in from the developer's shell: each test says which ones exist. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", ...options.env };
  for (const key of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]) if (!options.env?.[key]) delete env[key];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? ROOT, env, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Starts the CLI and returns the child, to be killed at a chosen moment; `exited` resolves with its code/signal. */
export function startCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null; stderr: string }>;
} {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", ...options.env };
  for (const key of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]) if (!options.env?.[key]) delete env[key];
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, exited };
}

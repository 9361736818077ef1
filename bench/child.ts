// Forks a bench TypeScript file as a child process with tsx, and waits for its messages, never for ever.
import { type ChildProcess, fork } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { withTimeout } from "./measure.js";

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export function forkTs(file: string, args: string[]): ChildProcess {
  return fork(file, args, {
    execArgv: ["--import", TSX],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // A NODE_OPTIONS of the caller's (a heap limit, vitest's hooks) would change what the child measures.
    env: { ...process.env, NODE_OPTIONS: "" },
  });
}

/** The child's next message that `accept` takes, within `ms`; rejects when the child exits first. */
export function nextMessage<T>(
  child: ChildProcess,
  accept: (message: unknown) => message is T,
  ms: number,
  what: string,
): Promise<T> {
  let cleanup = () => {};
  const received = new Promise<T>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (accept(message)) resolve(message);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      reject(new Error(`${what}: the child exited (${signal ?? `code ${code}`}) before answering`));
    child.on("message", onMessage);
    child.once("exit", onExit);
    cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
  });
  return withTimeout(received, ms, what).finally(cleanup);
}

/** Ends the child: first by closing its channel, then SIGKILL if it has not exited within `ms`. */
export async function stopChild(child: ChildProcess, ms = 3_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (child.connected) child.disconnect();
  try {
    await withTimeout(exited, ms, "child exit");
  } catch {
    child.kill("SIGKILL");
    await withTimeout(exited, ms, "child exit after SIGKILL").catch(() => {});
  }
}

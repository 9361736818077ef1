// Runs Debian's headless Chromium on a file, bounded in time; npm test's pretest (scripts/test-tools.sh)
// installs it.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `Chromium is needed at ${CHROMIUM} to open report.html in a browser: apt-get install chromium ` +
        "(npm test's pretest, scripts/test-tools.sh, installs it)";
}

export interface BrowserRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Headless Chromium with a fresh profile, no network chatter, and console messages logged to stderr. */
export function chromium(args: string[], timeoutMs = 30_000): Promise<BrowserRun> {
  const profile = mkdtempSync(path.join(tmpdir(), "cg-chromium-"));
  const child = spawn(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      "--enable-logging=stderr",
      "--v=0",
      "--virtual-time-budget=3000",
      ...args,
    ],
    // Its own process group, so a hung browser and its helpers can be killed together.
    { detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  let timedOut = false;
  const kill = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      // Helpers outliving the browser would keep the profile busy.
      kill();
      rmSync(profile, { recursive: true, force: true });
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Console messages, uncaught errors and CSP violations in Chromium's log; dbus and GPU noise is not ours. */
export function pageProblems(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((line) => /:CONSOLE|Uncaught|Content Security Policy|Refused to/i.test(line));
}

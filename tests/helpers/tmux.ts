// Drives a terminal program as a person would: tmux send-keys to type, capture-pane to read the screen.
import { execFileSync } from "node:child_process";

export class Tmux {
  private readonly socket = `callgrade-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  static available(): boolean {
    try {
      execFileSync("tmux", ["-V"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
  }

  /** Starts `command` in a new window named `name`, on a terminal of the given size. */
  start(name: string, command: string, size = { columns: 130, rows: 40 }): void {
    const exists = this.sessions().length > 0;
    if (exists) this.tmux("new-window", "-d", "-n", name, command);
    else
      this.tmux(
        "new-session",
        "-d",
        "-s",
        "t",
        "-n",
        name,
        "-x",
        String(size.columns),
        "-y",
        String(size.rows),
        command,
      );
    this.tmux("set-option", "-t", `t:${name}`, "remain-on-exit", "on");
  }

  keys(name: string, ...keys: string[]): void {
    for (const key of keys) this.tmux("send-keys", "-t", `t:${name}`, key);
  }

  screen(name: string): string {
    return this.tmux("capture-pane", "-p", "-t", `t:${name}`);
  }

  /** The pid of the program running in the window. */
  pid(name: string): number {
    return Number(this.tmux("display-message", "-p", "-t", `t:${name}`, "#{pane_pid}").trim());
  }

  /** Polls the screen until it matches (bounded); returns the screen, or throws with what it showed. */
  async waitFor(name: string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = this.screen(name);
      if (pattern.test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`screen never matched ${pattern}; it showed:\n${last}`);
  }

  kill(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // already gone
    }
  }

  private sessions(): string[] {
    try {
      return this.tmux("list-sessions", "-F", "#{session_name}").trim().split("\n").filter(Boolean);
    } catch {
      return [];
    }
  }
}

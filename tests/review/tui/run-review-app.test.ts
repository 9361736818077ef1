import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { runReviewApp } from "../../../src/review/tui/index.js";
import { FakeReviewSession } from "../fake-session.js";
import { structuredCase } from "./fixtures.js";

// A terminal as Ink needs one: a TTY stdin in raw mode, a stdout with a size.
class FakeStdin extends EventEmitter {
  isTTY = true;
  private chunks: string[] = [];
  setEncoding() {}
  setRawMode() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
  read = () => this.chunks.shift() ?? null;
  send(data: string) {
    this.chunks.push(data);
    this.emit("readable");
  }
}

class FakeStdout extends EventEmitter {
  columns = 100;
  rows = 30;
  output = "";
  write = (chunk: string) => {
    this.output += chunk;
    return true;
  };
}

function terminal() {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  return {
    stdin,
    stdout,
    streams: {
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe("runReviewApp", () => {
  it("resolves when the reviewer quits, with every grade written and the session closed once", async () => {
    const session = new FakeReviewSession([structuredCase()]);
    const { stdin, streams } = terminal();
    const done = runReviewApp(session, streams);
    await tick();
    stdin.send("1");
    await tick();
    stdin.send("q");
    await done;
    expect(session.live).toHaveLength(1);
    expect(session.closeCount).toBe(1);
  });

  it("resolves by itself when the queue is empty", async () => {
    const session = new FakeReviewSession([]);
    const { streams } = terminal();
    await runReviewApp(session, streams);
    expect(session.closeCount).toBe(1);
  });

  it("Ctrl+C quits like q, releasing the lease", async () => {
    const session = new FakeReviewSession([structuredCase()]);
    const { stdin, streams } = terminal();
    const done = runReviewApp(session, streams);
    await tick();
    stdin.send("\u0003");
    await done;
    expect(session.closeCount).toBe(1);
  });

  it("takes the pass rating from the options", async () => {
    const session = new FakeReviewSession([
      {
        ...structuredCase(),
        fields: [
          {
            itemId: 9,
            field: "summary",
            reason: "free-text",
            match: { kind: "free-text" },
            answers: [{ modelId: "gpt", value: "ok" }],
          },
        ],
      },
    ]);
    const { stdin, streams } = terminal();
    const done = runReviewApp(session, { ...streams, passRating: 5 });
    await tick();
    stdin.send("4");
    await tick();
    stdin.send("\r");
    await done;
    expect(session.live[0]?.verdict).toEqual({ kind: "rating", ratings: { gpt: { score: 4, pass: false } } });
  });
});

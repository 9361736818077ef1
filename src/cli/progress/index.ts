// Picks the progress display: an Ink bar on a real terminal, plain lines in CI, pipes and logs.
import { createElement } from "react";
import type { RunEvent } from "../../runner/index.js";
import { lineProgress } from "./lines.js";
import { ProgressView } from "./ProgressView.js";
import { applyEvent, emptyTally } from "./tally.js";

export interface Progress {
  listener: (event: RunEvent) => void;
  stop(): void;
}

export async function createProgress(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Promise<Progress> {
  const interactive = stream.isTTY === true && !env.CI && env.TERM !== "dumb";
  if (!interactive) return lineProgress((line) => stream.write(`${line}\n`));
  const { render } = await import("ink");
  let tally = emptyTally();
  const app = render(createElement(ProgressView, { tally }), { stdout: stream, patchConsole: false });
  let pending: NodeJS.Timeout | undefined;
  return {
    listener(event) {
      tally = applyEvent(tally, event);
      // Redraw at most ~12 times a second, whatever the call rate.
      pending ??= setTimeout(() => {
        pending = undefined;
        app.rerender(createElement(ProgressView, { tally }));
      }, 80);
    },
    stop() {
      if (pending) clearTimeout(pending);
      app.rerender(createElement(ProgressView, { tally }));
      app.unmount();
    },
  };
}

// Picks the progress display: an Ink bar on a real terminal, plain lines in CI, pipes and logs.
import { createElement } from "react";
import { inCi } from "../../core/ci.js";
import type { RunEvent } from "../../runner/index.js";
import { lineProgress } from "./lines.js";
import { applyEvent, emptyTally } from "./tally.js";

export interface Progress {
  listener: (event: RunEvent) => void;
  stop(): void;
}

export async function createProgress(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Promise<Progress> {
  const interactive = stream.isTTY === true && !inCi(env) && env.TERM !== "dumb";
  if (!interactive) return lineProgress((line) => stream.write(`${line}\n`));
  // Loaded only here: Ink decides once, on import, whether it runs in CI (see commands/review.ts).
  const [{ render }, { ProgressView }] = await Promise.all([import("ink"), import("./ProgressView.js")]);
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

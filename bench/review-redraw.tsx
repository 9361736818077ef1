// The review screen on ink-testing-library: how long from a grading key press to the next case on screen.
// Loaded only after Ink's CI detection is settled (see scenarios/review.ts): in CI mode Ink draws no frames.
import { render } from "ink-testing-library";
import type { ReviewConfig } from "../src/review/tui/model.js";
import { ReviewApp } from "../src/review/tui/ReviewApp.js";
import type { ReviewSession } from "../src/review/types.js";
import { until } from "./measure.js";

/** Milliseconds of each step: key "1" (pick the first model's value), the grade, the reducer, the redraw. */
export async function redrawTimes(
  session: ReviewSession,
  config: Partial<ReviewConfig>,
  steps: number,
): Promise<number[]> {
  const ui = render(<ReviewApp session={session} config={config} />);
  const caseOnScreen = () => /· case (\S+)/.exec(ui.lastFrame() ?? "")?.[1];
  try {
    await until(() => caseOnScreen() !== undefined, 10_000, "the first case on screen");
    const times: number[] = [];
    for (let step = 0; step < steps; step++) {
      const before = caseOnScreen();
      const started = performance.now();
      ui.stdin.write("1");
      await until(
        () => {
          const now = caseOnScreen();
          return now !== undefined && now !== before;
        },
        5_000,
        `the case after ${before} on screen`,
      );
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    ui.unmount();
    ui.cleanup();
  }
}

// Mounts the review app on ink-testing-library and types at it the way a terminal sends keys.
import { render } from "ink-testing-library";
import { ReviewApp } from "../../../src/review/tui/ReviewApp.js";
import type { ReviewCase } from "../../../src/review/types.js";
import { FakeReviewSession, type FakeSessionOptions } from "../fake-session.js";

/** What a terminal sends for the named keys. */
export const KEY = {
  enter: "\r",
  esc: "\u001b",
  up: "\u001b[A",
  down: "\u001b[B",
  left: "\u001b[D",
  pgUp: "\u001b[5~",
  pgDn: "\u001b[6~",
  tab: "\t",
  backspace: "\u007f",
  ctrlU: "\u0015",
  ctrlC: "\u0003",
} as const;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until Ink has drawn a new frame after a key (bounded), instead of a fixed delay that a loaded CI
 * machine outlasts. A key that changes nothing on screen costs the bound.
 */
async function settle(frames: () => number, before: number): Promise<void> {
  const deadline = Date.now() + 1_000;
  while (frames() === before && Date.now() < deadline) await pause(5);
  await pause(5);
}

/** A terminal of another size than ink-testing-library's 100 columns: set, then announced as a resize. */
function resize(stdout: NodeJS.EventEmitter, size: { columns: number; rows: number }): void {
  Object.defineProperty(stdout, "columns", { value: size.columns, configurable: true });
  Object.defineProperty(stdout, "rows", { value: size.rows, configurable: true });
  stdout.emit("resize");
}

export async function mount(
  cases: ReviewCase[],
  options: FakeSessionOptions = {},
  size?: { columns: number; rows: number },
) {
  const session = new FakeReviewSession(cases, options);
  const ui = render(<ReviewApp session={session} />);
  await settle(() => ui.frames.length, 0);
  if (size) {
    const before = ui.frames.length;
    resize(ui.stdout, size);
    await settle(() => ui.frames.length, before);
  }
  const frame = () => ui.lastFrame() ?? "";
  /** Sends each key (or typed string, one character at a time) and waits for the redraw. */
  async function type(...sequences: string[]) {
    for (const sequence of sequences) {
      const parts = sequence.startsWith("\u001b") || sequence.length === 1 ? [sequence] : [...sequence];
      for (const part of parts) {
        const before = ui.frames.length;
        ui.stdin.write(part);
        await settle(() => ui.frames.length, before);
      }
    }
  }
  return { session, ui, frame, type };
}

/** The frame as one line of words: wrapping and column padding do not matter to what it says. */
export function flat(frame: string): string {
  return frame.replace(/\s+/g, " ");
}

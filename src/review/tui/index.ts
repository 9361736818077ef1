// Starts the review TUI on a terminal: renders ReviewApp with Ink and resolves when the reviewer is done.
import { render } from "ink";
import { createElement } from "react";
import type { ReviewSession } from "../types.js";
import type { ReviewConfig } from "./model.js";
import { ReviewApp } from "./ReviewApp.js";

export { type Binding, KEYMAP, type Mode } from "./keymap.js";
export type { ReviewConfig } from "./model.js";
export { ReviewApp, type ReviewAppProps } from "./ReviewApp.js";
export { DEFAULT_SCORING, type ScoringSettings } from "./view-model.js";

export interface ReviewAppOptions extends Partial<ReviewConfig> {
  /** @default process.stdout */
  stdout?: NodeJS.WriteStream;
  /** Must be a TTY (raw mode). @default process.stdin */
  stdin?: NodeJS.ReadStream;
}

/** The session, with close() made safe to call twice (by the quit key, then by runReviewApp). */
function closingOnce(session: ReviewSession): ReviewSession {
  let closed = false;
  return {
    reviewer: session.reviewer,
    runId: session.runId,
    knowledgeBase: session.knowledgeBase,
    next: () => session.next(),
    reload: (caseId) => session.reload(caseId),
    grade: (input) => session.grade(input),
    undo: () => session.undo(),
    note: (itemId, text) => session.note(itemId, text),
    skip: (caseId) => session.skip(caseId),
    progress: () => session.progress(),
    close() {
      if (closed) return;
      closed = true;
      session.close();
    },
  };
}

/**
 * Runs the review screen until the reviewer quits (q, Ctrl+C) or the queue is
 * empty. The session is always closed (its lease released) before this resolves,
 * also when the app fails.
 */
export async function runReviewApp(session: ReviewSession, options: ReviewAppOptions = {}): Promise<void> {
  const { stdout, stdin, ...config } = options;
  const guarded = closingOnce(session);
  const app = render(createElement(ReviewApp, { session: guarded, config }), {
    ...(stdout ? { stdout } : {}),
    ...(stdin ? { stdin } : {}),
    // Ctrl+C is a key in the keymap (quit), so the lease is released like on q.
    exitOnCtrlC: false,
    patchConsole: false,
  });
  try {
    await app.waitUntilExit();
  } finally {
    guarded.close();
  }
}

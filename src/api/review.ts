// A reviewer's session on a run's queue, for the review screen or for grading from code.
import type { Suite } from "../config/suite.js";
import { openReviewSession } from "../review/session.js";
import type { ReviewSession } from "../review/types.js";
import type { RunRecord, Store } from "../store/index.js";
import { findRun, type OpenStoreOptions, openStore } from "./store.js";

export interface OpenReviewOptions extends Omit<OpenStoreOptions, "mustExist"> {
  /** The run. @default the latest */
  runId?: string;
  /** Stored with every grade. */
  reviewer: string;
  /** Only items of this field. */
  field?: string;
  /** Only items where this model's answer is in question. */
  model?: string;
  /** A random order, stable per reviewer. @default false */
  shuffle?: boolean;
}

export interface OpenReview {
  run: RunRecord;
  session: ReviewSession;
  store: Store;
  /** Releases the session's lease and closes the store; every grade was written when it was made. */
  close(): void;
}

/**
 * Opens a review session: each grade made through it is stored at once.
 * @example const review = openReview(suite, { reviewer: "ana" }); const next = review.session.next(); review.close();
 */
export function openReview(suite: Suite | undefined, options: OpenReviewOptions): OpenReview {
  const store = openStore(suite, { ...options, mustExist: true });
  try {
    const run = findRun(store, options.runId);
    const session = openReviewSession(store, {
      runId: run.id,
      reviewer: options.reviewer,
      ...(options.field === undefined ? {} : { field: options.field }),
      ...(options.model === undefined ? {} : { model: options.model }),
      ...(options.shuffle === undefined ? {} : { shuffle: options.shuffle }),
    });
    return {
      run,
      session,
      store,
      close: () => {
        session.close();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

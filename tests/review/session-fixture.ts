// A store with a run of cases c0..cN-1 and review sessions on it, for the session tests.
import { afterEach } from "vitest";
import type { Case } from "../../src/core/types.js";
import { openReviewSession, type ReviewSessionOptions } from "../../src/review/session.js";
import type { ReviewCase, ReviewSession } from "../../src/review/types.js";
import { type ReviewItemInput, Store } from "../../src/store/index.js";
import { storePlace } from "../helpers/backends.js";

export const MINUTE = 60_000;
export const T0 = Date.parse("2026-03-10T12:00:00.000Z");

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A new, empty store's place on the backend the tests run on (see tests/helpers/backends.ts). */
export function tempFile(): string {
  return storePlace("cg-review-session-");
}

export function openStore(file: string): Store {
  const store = Store.open(file);
  stores.push(store);
  return store;
}

export interface RunOptions {
  cases?: number;
  overlap?: number;
  items?: ReviewItemInput[];
  gold?: Record<string, Record<string, unknown>>;
}

/** A run of cases c0..cN-1; by default each has one "name" item on which models a and b disagree. */
export function createRun(store: Store, options: RunOptions = {}): void {
  const count = options.cases ?? 4;
  const cases: Case[] = Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    transcript: [{ speaker: "caller", text: `this is call ${i}` }],
    meta: { callDate: "2026-03-01" },
    source: { file: "f", line: i + 1 },
    ...(options.gold?.[`c${i}`] ? { gold: options.gold[`c${i}`] } : {}),
  }));
  store.runs.create(
    {
      id: "r1",
      suite: "s",
      createdAt: "2026-03-01T00:00:00.000Z",
      configFile: null,
      hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
      models: ["a", "b", "c"].map((id) => ({ id, provider: "replay" })),
      fields: [
        { name: "name", match: { kind: "text" } },
        { name: "caller.phone", match: { kind: "phone" } },
        { name: "summary", match: { kind: "free-text", rubric: "Says why they called." } },
      ],
      scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
      repeat: 1,
      skipped: [],
      knowledgeBase: "Open 9 to 5.",
      review: { overlap: options.overlap ?? 0, leaseMinutes: 15, passRating: 3 },
    },
    cases,
  );
  const items = options.items ?? cases.map((c, i) => nameItem(c.id, i));
  store.results.replace("r1", [], [], items);
}

export function nameItem(caseId: string, i: number): ReviewItemInput {
  return {
    caseId,
    field: "name",
    reason: "disagreement",
    modelValues: { a: `A${i}`, b: `B${i}` },
    priority: 2,
  };
}

export function session(
  store: Store,
  reviewer: string,
  now: () => number,
  extra: Partial<ReviewSessionOptions> = {},
) {
  return openReviewSession(store, { runId: "r1", reviewer, now, ...extra });
}

/** Picks model a on every field of the case. */
export function gradeAll(s: ReviewSession, view: ReviewCase): void {
  for (const field of view.fields) {
    s.grade({
      itemId: field.itemId,
      verdict: { kind: "pick", modelId: "a", value: field.answers[0]?.value },
    });
  }
}

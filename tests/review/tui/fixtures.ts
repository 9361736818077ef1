// Review cases for the UI tests: a structured case with gold, a free-text case, and one with an invalid output.
import type { Keypress } from "../../../src/review/tui/keys.js";
import type { Action } from "../../../src/review/tui/state.js";
import type { ReviewCase, Verdict } from "../../../src/review/types.js";

export function structuredCase(caseId = "call-1", firstItem = 1): ReviewCase {
  return {
    runId: "run-1",
    caseId,
    overlap: false,
    meta: { callDate: "2026-03-28" },
    transcript: [
      { speaker: "agent", text: "Thanks for calling, how can I help?" },
      { speaker: "caller", text: "I'd like a table for four on March 30, my number is 555-010-2345." },
      { speaker: "agent", text: "Great, four people on the 30th." },
    ],
    fields: [
      {
        itemId: firstItem,
        field: "phone",
        reason: "disagreement",
        match: { kind: "phone" },
        answers: [
          { modelId: "gpt", value: "555-010-2345" },
          { modelId: "claude", value: "+15550102345" },
          { modelId: "llama", value: "555-010-2354" },
        ],
      },
      {
        itemId: firstItem + 1,
        field: "date",
        reason: "disagreement",
        match: { kind: "date" },
        gold: "2026-03-30",
        answers: [
          { modelId: "gpt", value: "2026-03-30" },
          { modelId: "claude", value: "2026-03-31" },
          { modelId: "llama", value: "2026-03-30" },
        ],
      },
      {
        itemId: firstItem + 2,
        field: "party_size",
        reason: "disagreement",
        match: { kind: "number" },
        answers: [
          { modelId: "gpt", value: 4 },
          { modelId: "claude", value: 4 },
        ],
      },
    ],
  };
}

export function freeTextCase(caseId = "call-2", itemId = 10): ReviewCase {
  return {
    runId: "run-1",
    caseId,
    overlap: false,
    meta: {},
    transcript: "The caller wants to move the booking to Friday.",
    fields: [
      {
        itemId,
        field: "summary",
        reason: "free-text",
        match: { kind: "free-text" },
        rubric: "Names the change and the new day.",
        answers: [
          { modelId: "gpt", value: "Move booking to Friday." },
          { modelId: "claude", value: "Caller called." },
        ],
      },
    ],
  };
}

export function invalidCase(caseId = "call-3", itemId = 20): ReviewCase {
  return {
    runId: "run-1",
    caseId,
    overlap: false,
    meta: {},
    transcript: [{ speaker: "caller", text: "Cancel my appointment please." }],
    fields: [
      {
        itemId,
        field: "intent",
        reason: "invalid",
        match: { kind: "enum" },
        answers: [
          { modelId: "gpt", value: "cancel" },
          { modelId: "claude", value: null, invalid: ["intent: Invalid option", "phone: Required"] },
        ],
      },
    ],
  };
}

/** "<enter>" is a named key; anything else is typed text. */
export function press(key: string): Keypress {
  return /^<.+>$/.test(key) ? { name: key } : { text: key };
}

export function keys(...list: string[]): Action[] {
  return list.map((k) => ({ type: "key", press: press(k) }));
}

/** `reviewCase` with this reviewer's grade already on field `index`. */
export function gradedAt(reviewCase: ReviewCase, index: number, grade: Verdict): ReviewCase {
  return { ...reviewCase, fields: reviewCase.fields.map((f, i) => (i === index ? { ...f, grade } : f)) };
}

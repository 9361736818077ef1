// The failed calls of a run read back in one grouped query: per model and kind the count and the first
// distinct messages, cut short, however many calls failed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/store/index.js";
import { Store } from "../../src/store/index.js";
import { callFailures } from "../../src/summary/failures.js";

const RUN = {
  id: "r1",
  suite: "s",
  createdAt: "2026-01-01T00:00:00.000Z",
  configFile: null,
  hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
  models: [
    { id: "m", provider: "openai" },
    { id: "n", provider: "openai" },
  ],
  fields: [{ name: "a", match: { kind: "text" as const } }],
  scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
  repeat: 1,
  skipped: [],
  knowledgeBase: "",
  review: { overlap: 0.1, leaseMinutes: 15, passRating: 3 },
};
const NO_USAGE = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };

function failed(caseId: string, modelId: string, kind: string, message: string): CallRecord {
  return {
    runId: "r1",
    caseId,
    modelId,
    rep: 0,
    text: null,
    error: { kind, message, retryable: false } as CallRecord["error"],
    raw: undefined,
    usage: NO_USAGE,
    costUsd: null,
    latencyMs: 10,
    attempts: 1,
    fromCache: false,
    output: null,
  };
}

describe("failed calls' messages", () => {
  it("keeps per model and kind the count and the first three distinct messages, cut to 200 characters", () => {
    const store = Store.open(path.join(mkdtempSync(path.join(tmpdir(), "cg-failures-")), "s.db"));
    const cases = Array.from({ length: 300 }, (_, i) => ({
      id: `c${String(i).padStart(3, "0")}`,
      transcript: "hi",
      meta: {},
      source: { file: "f", line: i + 1 },
    }));
    store.runs.create(RUN, cases);
    const long = `400 ${"x".repeat(300)}`;
    store.calls.recordAll([
      ...cases
        .slice(0, 250)
        .map((c, i) =>
          failed(c.id, "m", "bad_request", i % 2 ? "400 no known transcript" : `400 case ${i % 7}`),
        ),
      ...cases.slice(250, 260).map((c) => failed(c.id, "m", "timeout", "")),
      failed("c000", "n", "bad_request", long),
      failed("c001", "n", "bad_request", long),
    ]);
    const failures = callFailures(store, "r1");
    expect(failures.get("m")).toEqual([
      { kind: "bad_request", count: 250, messages: ["400 case 0", "400 no known transcript", "400 case 2"] },
      { kind: "timeout", count: 10, messages: [] },
    ]);
    expect(failures.get("n")).toEqual([
      { kind: "bad_request", count: 2, messages: [`${long.slice(0, 200)}…`] },
    ]);
    store.close();
  });
});

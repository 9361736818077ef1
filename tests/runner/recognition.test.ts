// The voice stage sends files through the same attempt loop as model calls: a recogniser's 429 pauses its
// other files, a used-up quota holds them back, the wait budget ends a file, and the deadline times one out.
import { describe, expect, it } from "vitest";
import type {
  RecogniseRequest,
  RecogniseResult,
  Recogniser,
  RecogniserLimits,
} from "../../src/asr/recognisers/index.js";
import type { CallOptions, Case } from "../../src/core/types.js";
import type { RunEvent } from "../../src/runner/events.js";
import { type RecognitionOptions, recogniseRun } from "../../src/runner/recognition.js";
import type { TranscriptRecord } from "../../src/store/index.js";

type Script = (request: RecogniseRequest, nth: number, options: CallOptions) => Promise<RecogniseResult>;

interface Sent {
  caseId: string;
  /** Milliseconds after the stage started. */
  at: number;
  options: CallOptions;
}

const heard = (text: string): RecogniseResult => ({ ok: true, text, latencyMs: 1 });
const rateLimited = (retryAfterMs: number): RecogniseResult => ({
  ok: false,
  error: { kind: "rate_limit", message: "429", status: 429, retryAfterMs, retryable: true },
  latencyMs: 1,
});
const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

const caseOf = (id: string): Case => ({
  id,
  transcript: "hello",
  meta: {},
  audio: `/audio/${id}.wav`,
  source: { file: "calls.jsonl", line: 1 },
});

/** A recogniser whose every request is `script`'s, noting when each went out and the options it got. */
function scripted(script: Script, limits: RecogniserLimits = {}): Recogniser & { sent: Sent[] } {
  const sent: Sent[] = [];
  const tries = new Map<string, number>();
  let started = performance.now();
  return {
    id: "asr",
    fingerprint: "fake",
    limits,
    sent,
    recognise(request, options) {
      if (sent.length === 0) started = performance.now();
      const nth = (tries.get(request.caseId) ?? 0) + 1;
      tries.set(request.caseId, nth);
      sent.push({ caseId: request.caseId, at: performance.now() - started, options });
      return script(request, nth, options);
    },
  };
}

async function recognise(recogniser: Recogniser, ids: string[], extra: Partial<RecognitionOptions> = {}) {
  const records: TranscriptRecord[] = [];
  const events: RunEvent[] = [];
  await recogniseRun({
    runId: "r1",
    store: {
      transcripts: { done: () => new Set(), record: (record) => records.push(record) },
      cache: { get: () => undefined, put: () => {} },
    },
    cases: ids.map(caseOf),
    recognisers: [recogniser],
    concurrency: 8,
    useCache: false,
    signal: new AbortController().signal,
    emit: (event) => events.push(event),
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...extra,
  });
  const byCase = new Map(records.map((record) => [record.caseId, record]));
  return { byCase, events };
}

describe("recognition through the shared attempt loop", () => {
  it("a 429 with retry-after pauses the recogniser's other files, and halves its concurrency", async () => {
    // a, b, c and d go out together; a's 429 comes once they are all sent, and holds back e, which gets a
    // slot when b, c and d are answered, until a's retry-after has passed.
    const recogniser = scripted(
      async ({ caseId }, nth) => {
        if (caseId === "a" && nth === 1) return later(5, rateLimited(200));
        return later(20, heard(caseId));
      },
      { concurrency: 4 },
    );
    const { byCase, events } = await recognise(recogniser, ["a", "b", "c", "d", "e"]);
    const e = recogniser.sent.find((sent) => sent.caseId === "e");
    expect(e?.at).toBeGreaterThanOrEqual(180);
    expect(byCase.get("a")).toMatchObject({ text: "a", attempts: 2 });
    expect(byCase.get("e")).toMatchObject({ text: "e", attempts: 1 });
    expect(events).toContainEqual({ type: "concurrency-changed", modelId: "asr", limit: 2 });
    expect(events).toContainEqual({
      type: "recognition-retrying",
      recogniser: "asr",
      caseId: "a",
      attempt: 1,
      delayMs: 200,
      errorKind: "rate_limit",
    });
  });

  it("the wait budget ends a file whose provider keeps asking to wait, with its last error", async () => {
    const recogniser = scripted(async () => rateLimited(40), { maxRetries: 10 });
    const { byCase } = await recognise(recogniser, ["a"], {
      retry: { baseDelayMs: 1, maxDelayMs: 2, maxTotalWaitMs: 100 },
    });
    // Waits of 40 and 80 ms in all fit the budget of 100; a third wait would not, so the third attempt is the last.
    expect(recogniser.sent).toHaveLength(3);
    expect(byCase.get("a")).toMatchObject({ text: null, attempts: 3, error: { kind: "rate_limit" } });
  });

  it("an answer saying the quota is used up holds back the recogniser's next requests until it refills", async () => {
    const recogniser = scripted(
      async ({ caseId }) =>
        caseId === "a"
          ? { ok: true, text: "a", latencyMs: 1, rateLimit: { remaining: 0, resetMs: 150 } }
          : heard(caseId),
      { concurrency: 1 },
    );
    const { byCase } = await recognise(recogniser, ["a", "b"]);
    expect(recogniser.sent.map((sent) => sent.caseId)).toEqual(["a", "b"]);
    expect(recogniser.sent[1]?.at).toBeGreaterThanOrEqual(130);
    expect(byCase.get("b")).toMatchObject({ text: "b", attempts: 1, error: null });
  });

  it("the deadline ends a hung request as a retryable timeout, and the next attempt is answered", async () => {
    // The first request hangs until its signal fires (then it says "aborted", as a local decoder would), or
    // answers late after 2 s; the second answers at once.
    const recogniser = scripted(
      async (_request, nth, { signal }) => {
        if (nth > 1) return heard("on time");
        return new Promise((resolve) => {
          const late = setTimeout(() => resolve(heard("late")), 2_000);
          signal.addEventListener("abort", () => {
            clearTimeout(late);
            resolve({
              ok: false,
              error: { kind: "aborted", message: "aborted", retryable: false },
              latencyMs: 1,
            });
          });
        });
      },
      { timeoutMs: 50 },
    );
    const { byCase, events } = await recognise(recogniser, ["a"]);
    expect(recogniser.sent.map((sent) => sent.options.timeoutMs)).toEqual([50, 50]);
    expect(byCase.get("a")).toMatchObject({ text: "on time", attempts: 2, error: null });
    expect(events).toContainEqual(
      expect.objectContaining({ type: "recognition-retrying", caseId: "a", errorKind: "timeout" }),
    );
  });

  it("a recogniser without a deadline (a local decoder) gets the run's signal and no timer", async () => {
    const recogniser = scripted(async ({ caseId }) => heard(caseId));
    const signal = new AbortController().signal;
    await recognise(recogniser, ["a"], { signal });
    expect(recogniser.sent[0]?.options).toEqual({ signal });
  });
});

describe("a store that fails while recognising", () => {
  it("ends the stage with the store's error once the files in flight end, and starts no more", async () => {
    const recogniser = scripted(async () => later(5, heard("hello")));
    const recorded: string[] = [];
    const ids = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const run = recogniseRun({
      runId: "r1",
      store: {
        transcripts: {
          done: () => new Set(),
          record: (record) => {
            if (record.caseId === "c3") throw new Error("disk full");
            recorded.push(record.caseId);
          },
        },
        cache: { get: () => undefined, put: () => {} },
      },
      cases: ids.map(caseOf),
      recognisers: [recogniser],
      concurrency: 4,
      useCache: false,
      signal: new AbortController().signal,
      emit: () => {},
    });
    await expect(run).rejects.toThrow("disk full");
    // Files already sent end normally; no file is sent after the failure was seen.
    expect(recogniser.sent.length).toBeLessThan(ids.length);
    expect(recorded.length + 1).toBeLessThanOrEqual(recogniser.sent.length);
  });
});

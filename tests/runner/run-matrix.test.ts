// runMatrix against fake providers: the limits hold, memory stays flat, resume and stop keep their promises.
import { promiseHooks } from "node:v8";
import { describe, expect, it } from "vitest";
import type { CompletionResult } from "../../src/core/types.js";
import type { RunEvent } from "../../src/runner/events.js";
import { runMatrix } from "../../src/runner/matrix.js";
import { callKey } from "../../src/store/index.js";
import {
  ANSWER,
  type FakeProvider,
  fakeCases,
  fakeProvider,
  InFlight,
  type ModelInput,
  matrix,
  untilAborted,
} from "./matrix-fakes.js";

describe("runMatrix", () => {
  it("never has more calls in flight than the model's concurrency or the suite's", async () => {
    const all = new InFlight();
    const narrow = fakeProvider("narrow", all);
    const wide = fakeProvider("wide", all);
    const { options, store } = matrix(
      [
        [{ id: "narrow", provider: "openai", model: "m", concurrency: 3 }, narrow],
        [{ id: "wide", provider: "openai", model: "m", concurrency: 50 }, wide],
      ],
      fakeCases(300),
      { concurrency: 8 },
    );
    await runMatrix(options);
    expect(store.records).toHaveLength(600);
    // Each limit is reached, so the test would see it broken.
    expect(narrow.inFlight.max).toBe(3);
    expect(all.max).toBe(8);
    expect(wide.inFlight.max).toBeLessThanOrEqual(8);
  });

  it("20,000 calls keep the work in existence bounded by the concurrency, not the matrix", async () => {
    const concurrency = 16;
    const all = new InFlight();
    const models = ["a", "b"].map((id) => fakeProvider(id, all));
    const cases = fakeCases(10_000);
    const { options, store, prompt } = matrix(
      models.map((provider) => [{ id: provider.id, provider: "openai", model: "m" }, provider]),
      cases,
      { concurrency },
    );
    let rendersAtFirstCall = -1;
    const first = models[0];
    if (!first) throw new Error("no model");
    const complete = first.complete.bind(first);
    first.complete = (request, context) => {
      if (rendersAtFirstCall < 0) rendersAtFirstCall = prompt.renders;
      return complete(request, context);
    };
    // Promises not yet settled, at their peak: a matrix fed up front holds several per call (80,000 here).
    let pending = 0;
    let peakPending = 0;
    const stopCounting = promiseHooks.createHook({
      init() {
        pending++;
        peakPending = Math.max(peakPending, pending);
      },
      settled() {
        pending--;
      },
    });
    try {
      await runMatrix(options);
    } finally {
      stopCounting();
    }
    expect(store.records).toHaveLength(20_000);
    expect(all.max).toBe(concurrency);
    expect(peakPending).toBeLessThanOrEqual(32 * concurrency);
    // A task exists from its cache lookup to its record: never more than the slots, plus one waiting per model.
    expect(store.maxLive).toBeLessThanOrEqual(2 * concurrency + models.length);
    // Cases are rendered as calls need them, not all before the first call, and about once each.
    expect(rendersAtFirstCall).toBeLessThanOrEqual(2 * concurrency + models.length);
    expect(prompt.renders).toBeLessThanOrEqual(cases.length * 1.1);
    // Every model made progress from the start: the calls interleave.
    const firstHalf = store.records.slice(0, 1000);
    expect(firstHalf.filter((r) => r.modelId === "a").length).toBeGreaterThan(400);
  });

  it("answers from the cache send nothing and take no slot, and are stored a concurrency's worth at a time", async () => {
    const concurrency = 4;
    const all = new InFlight();
    const models = ["a", "b"].map((id) => fakeProvider(id, all));
    const entries = models.map((provider): [ModelInput, FakeProvider] => [
      { id: provider.id, provider: "openai", model: "m" },
      provider,
    ]);
    const cases = fakeCases(200);
    const first = matrix(entries, cases, { concurrency });
    await runMatrix(first.options);
    expect(models.map((m) => m.started)).toEqual([200, 200]);
    expect(first.store.records.every((r) => r.cache !== undefined && !r.fromCache)).toBe(true);
    // Each call is looked up once it holds its slots; only a lane's first stretch (a concurrency's worth of
    // calls, read at once) also before, until it misses.
    expect(first.store.lookups).toBe(400 + models.length * concurrency);

    // The same calls on the same store: every one is answered by what the first run stored.
    const again = matrix(entries, cases, { concurrency });
    const store = first.store;
    const recorded = store.records.length;
    const batches = store.batches.length;
    const events: RunEvent[] = [];
    await runMatrix({ ...again.options, store, emit: (event) => events.push(event) });
    expect(models.map((m) => m.started)).toEqual([200, 200]);
    const second = store.records.slice(recorded);
    expect(second).toHaveLength(400);
    expect(second.every((r) => r.fromCache && r.attempts === 0 && r.cache === undefined)).toBe(true);
    expect(second.map((r) => r.text)).toEqual(second.map(() => ANSWER.text));
    expect(events.filter((e) => e.type === "call-finished" && e.fromCache)).toHaveLength(400);
    // Each lane waits for its stores every `concurrency` answers: the lanes take turns, and no batch holds
    // more than a concurrency's worth per model.
    const written = store.batches.slice(batches);
    expect(Math.max(...written)).toBeLessThanOrEqual(concurrency * models.length);
    expect(written.length).toBeGreaterThanOrEqual(400 / (concurrency * models.length));
    const firstQuarter = second.slice(0, 100);
    expect(firstQuarter.filter((r) => r.modelId === "a").length).toBeGreaterThan(30);
    expect(firstQuarter.filter((r) => r.modelId === "b").length).toBeGreaterThan(30);
  });

  it("a resume sends only the calls not yet settled, and renders no case it does not send", async () => {
    const all = new InFlight();
    const provider = fakeProvider("o", all);
    const cases = fakeCases(50);
    const settled = new Set<string>();
    for (let i = 0; i < 50; i++) {
      if (i < 40) settled.add(callKey(`c${i}`, "o", 0));
      if (i % 2 === 0) settled.add(callKey(`c${i}`, "o", 1));
    }
    const { options, store, prompt } = matrix(
      [[{ id: "o", provider: "openai", model: "m" }, provider]],
      cases,
      {
        concurrency: 4,
        repeat: 2,
        skip: settled,
      },
    );
    await runMatrix(options);
    const sent = store.records.map((r) => `${r.caseId}/${r.rep}`).sort();
    const expected: string[] = [];
    for (let i = 0; i < 50; i++) {
      for (const rep of [0, 1]) if (!settled.has(callKey(`c${i}`, "o", rep))) expected.push(`c${i}/${rep}`);
    }
    expect(sent).toEqual(expected.sort());
    expect(provider.started).toBe(expected.length);
    // Case c0, c2, ... c38 are settled on both repeats.
    expect(prompt.renders).toBe(50 - 20);
  });

  it("a stopped run records nothing for the calls it cut short, and starts no new one", async () => {
    const controller = new AbortController();
    const all = new InFlight();
    const concurrency = 6;
    let hung = 0;
    const provider = fakeProvider("o", all, (_request, nth, signal) => {
      if (nth < 20) return Promise.resolve(ANSWER);
      hung++;
      if (hung === concurrency) queueMicrotask(() => controller.abort());
      return untilAborted(signal);
    });
    const { options, store, events } = matrix(
      [[{ id: "o", provider: "openai", model: "m" }, provider]],
      fakeCases(1000),
      { concurrency, signal: controller.signal },
    );
    await runMatrix(options);
    expect(store.records).toHaveLength(20);
    expect(store.records.every((r) => r.error === null)).toBe(true);
    expect(provider.started).toBe(20 + concurrency);
    expect(events.filter((e) => e.type === "call-finished")).toHaveLength(20);
    expect(all.now).toBe(0);
  });

  it("while the provider says only 2 requests are left in its window, no more than 2 are sent at once", async () => {
    const all = new InFlight();
    const concurrency = 8;
    const nearlyUsedUp: CompletionResult = { ...ANSWER, rateLimit: { remaining: 2, resetMs: 60_000 } };
    const inFlightAtStart: number[] = [];
    const provider = fakeProvider("o", all, (_request, nth) => {
      if (nth >= concurrency) inFlightAtStart.push(all.now);
      return new Promise((resolve) => setImmediate(() => resolve(nearlyUsedUp)));
    });
    const { options, store, events } = matrix(
      [[{ id: "o", provider: "openai", model: "m" }, provider]],
      fakeCases(100),
      {
        concurrency,
      },
    );
    await runMatrix(options);
    expect(store.records).toHaveLength(100);
    // The first `concurrency` went out before any answer said so; after that, the hold-back.
    expect(all.max).toBe(concurrency);
    expect(Math.max(...inFlightAtStart)).toBe(2);
    // Holding back is not a cut: the limit itself never changed.
    expect(events.some((e) => e.type === "concurrency-changed")).toBe(false);
  });

  it("a provider answering 429 for a while shrinks the model's limit, which then grows back", async () => {
    const all = new InFlight();
    const concurrency = 8;
    const tooMany: CompletionResult = {
      ok: false,
      error: { kind: "rate_limit", message: "429", status: 429, retryable: true },
    };
    // The first 60 attempts are refused; after that the provider has room again.
    const provider = fakeProvider(
      "o",
      all,
      (_request, nth) => new Promise((resolve) => setImmediate(() => resolve(nth < 60 ? tooMany : ANSWER))),
    );
    const { options, store, events } = matrix(
      [[{ id: "o", provider: "openai", model: "m" }, provider]],
      fakeCases(400),
      { concurrency },
    );
    await runMatrix(options);
    expect(store.records).toHaveLength(400);
    expect(store.records.every((r) => r.error === null)).toBe(true);
    const limits = events.flatMap((e) => (e.type === "concurrency-changed" ? [e.limit] : []));
    const lowest = Math.min(...limits);
    expect(lowest).toBe(1);
    const afterLowest = limits.slice(limits.indexOf(lowest));
    // Down by halves, back up one at a time, to the configured concurrency and never above it.
    expect(afterLowest).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(limits.slice(0, limits.indexOf(lowest) + 1)).toEqual([4, 2, 1]);
    expect(Math.max(...limits)).toBe(concurrency);
  });
});

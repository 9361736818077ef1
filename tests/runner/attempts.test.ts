import { describe, expect, it } from "vitest";
import type { CompletionRequest, CompletionResult, Provider } from "../../src/core/types.js";
import { type CallPlan, cachedResult, callWithRetries } from "../../src/runner/attempts.js";
import type { RunEvent } from "../../src/runner/events.js";
import {
  backoffMs,
  DEFAULT_RETRY,
  exhaustedPauseMs,
  MAX_RETRY_AFTER_MS,
  ModelGate,
  sleep,
} from "../../src/runner/retry.js";
import type { CachedResponse } from "../../src/store/index.js";

const REQUEST: CompletionRequest = {
  caseId: "c1",
  stable: "s",
  variable: "v",
  jsonSchema: {},
  schemaName: "x",
};
const USAGE = { inputTokens: 3, outputTokens: 2, cachedInputTokens: 0 };

function scripted(results: CompletionResult[]): Provider & { calls: number } {
  const provider = {
    id: "fake",
    calls: 0,
    async complete(): Promise<CompletionResult> {
      const result = results[Math.min(provider.calls, results.length - 1)];
      provider.calls++;
      if (!result) throw new Error("no scripted result");
      return result;
    },
  };
  return provider;
}

function plan(provider: Provider, extra: Partial<CallPlan> = {}): { plan: CallPlan; events: RunEvent[] } {
  const events: RunEvent[] = [];
  return {
    events,
    plan: {
      provider,
      request: REQUEST,
      modelId: "m",
      rep: 0,
      timeoutMs: 5_000,
      retry: { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 5, maxRetries: 3 },
      gate: new ModelGate(),
      signal: new AbortController().signal,
      emit: (event) => events.push(event),
      ...extra,
    },
  };
}

const rateLimited: CompletionResult = {
  ok: false,
  error: { kind: "rate_limit", message: "429", status: 429, retryAfterMs: 30, retryable: true },
};
const ok: CompletionResult = { ok: true, text: '{"a":1}', usage: USAGE };

describe("callWithRetries", () => {
  it("a 429 with retry-after waits what the provider asked, then succeeds", async () => {
    const provider = scripted([rateLimited, ok]);
    const { plan: p, events } = plan(provider);
    const result = await callWithRetries(p);
    expect(result).toMatchObject({ text: '{"a":1}', error: null, attempts: 2, fromCache: false });
    expect(events).toEqual([
      { type: "call-retrying", modelId: "m", caseId: "c1", attempt: 1, delayMs: 30, errorKind: "rate_limit" },
    ]);
  });

  it("does not retry an error that cannot get better", async () => {
    const provider = scripted([
      { ok: false, error: { kind: "auth", message: "401", status: 401, retryable: false } },
      ok,
    ]);
    const result = await callWithRetries(plan(provider).plan);
    expect(result.error?.kind).toBe("auth");
    expect(provider.calls).toBe(1);
  });

  it("gives up after maxRetries retries with the last error", async () => {
    const provider = scripted([
      { ok: false, error: { kind: "http", message: "502", status: 502, retryable: true } },
    ]);
    const result = await callWithRetries(plan(provider).plan);
    expect(result).toMatchObject({ attempts: 4, error: { kind: "http", status: 502 } });
    expect(provider.calls).toBe(4);
  });

  it("turns its own deadline into a retryable timeout", async () => {
    const hanging: Provider = {
      id: "hang",
      complete: (_request, { signal }) =>
        new Promise((resolve) =>
          signal.addEventListener("abort", () =>
            resolve({ ok: false, error: { kind: "aborted", message: "aborted", retryable: false } }),
          ),
        ),
    };
    const { plan: p } = plan(hanging, {
      timeoutMs: 20,
      retry: { ...DEFAULT_RETRY, maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const result = await callWithRetries(p);
    expect(result).toMatchObject({ attempts: 2, error: { kind: "timeout", retryable: true } });
  });

  it("makes a cached answer a result with no attempt, the answer's usage and the latency it had", () => {
    const stored: CachedResponse = { text: '{"a":1}', usage: USAGE, finishReason: "stop", latencyMs: 7 };
    expect(cachedResult(stored)).toEqual({
      text: '{"a":1}',
      error: null,
      usage: USAGE,
      raw: undefined,
      latencyMs: 7,
      attempts: 0,
      fromCache: true,
      finishReason: "stop",
    });
  });

  it("a 429 without retry-after waits until its rate-limit window refills", async () => {
    const provider = scripted([
      {
        ok: false,
        error: {
          kind: "rate_limit",
          message: "429",
          retryable: true,
          rateLimit: { remaining: 0, resetMs: 25 },
        },
      },
      ok,
    ]);
    const { plan: p, events } = plan(provider);
    expect((await callWithRetries(p)).error).toBeNull();
    expect(events).toEqual([expect.objectContaining({ delayMs: 25, errorKind: "rate_limit" })]);
  });

  it("an answer that says the quota is used up pauses the model, not the call itself", async () => {
    const gate = new ModelGate();
    const provider = scripted([{ ...ok, rateLimit: { remaining: 0, resetMs: 60 } }]);
    const started = Date.now();
    expect((await callWithRetries(plan(provider, { gate }).plan)).attempts).toBe(1);
    // The call came back while the model is still paused: it did not wait out the reset itself.
    expect(gate.pausedForMs()).toBeGreaterThan(0);
    await gate.wait();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("a truncated, refused or filtered answer is not sent again", async () => {
    for (const kind of ["truncated", "refusal", "content_filter"] as const) {
      const provider = scripted([
        { ok: false, error: { kind, message: kind, retryable: false }, usage: USAGE },
        ok,
      ]);
      const result = await callWithRetries(plan(provider).plan);
      expect(result).toMatchObject({ attempts: 1, error: { kind }, usage: USAGE });
      expect(provider.calls).toBe(1);
    }
  });

  it("stops retrying once its waits together would pass the total budget", async () => {
    const provider = scripted([{ ...rateLimited, error: { ...rateLimited.error, retryAfterMs: 60 } }]);
    const { plan: p, events } = plan(provider, {
      retry: { ...DEFAULT_RETRY, maxRetries: 5, maxTotalWaitMs: 100 },
    });
    const result = await callWithRetries(p);
    // One wait of 60 ms fits; a second would make 120 ms.
    expect(result).toMatchObject({ attempts: 2, error: { kind: "rate_limit" } });
    expect(events).toHaveLength(1);
  });

  it("a provider that throws ends as an error, not a crash", async () => {
    const broken: Provider = {
      id: "broken",
      complete: async () => {
        throw new TypeError("boom");
      },
    };
    const result = await callWithRetries(plan(broken).plan);
    expect(result.error).toMatchObject({ kind: "bad_response", message: "provider failed: boom" });
  });
});

describe("backoff", () => {
  it("grows exponentially with jitter inside [ceiling/2, ceiling]", () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
    const error = { kind: "http" as const, message: "", retryable: true };
    expect(backoffMs(error, 0, { ...policy, random: () => 0 })).toBe(50);
    expect(backoffMs(error, 0, { ...policy, random: () => 1 })).toBe(100);
    expect(backoffMs(error, 3, { ...policy, random: () => 1 })).toBe(800);
    expect(backoffMs(error, 10, { ...policy, random: () => 1 })).toBe(1_000);
  });

  it("waits what retry-after says, but never more than 5 minutes at once", () => {
    const error = (retryAfterMs: number) => ({
      kind: "rate_limit" as const,
      message: "",
      retryable: true,
      retryAfterMs,
    });
    expect(backoffMs(error(1234), 0, DEFAULT_RETRY)).toBe(1234);
    expect(backoffMs(error(3_600_000), 0, DEFAULT_RETRY)).toBe(MAX_RETRY_AFTER_MS);
    expect(MAX_RETRY_AFTER_MS).toBe(5 * 60_000);
    expect(DEFAULT_RETRY.maxTotalWaitMs).toBe(MAX_RETRY_AFTER_MS);
  });

  it("a used-up quota pauses the model until its reset, capped; quota left pauses nothing", () => {
    expect(exhaustedPauseMs({ remaining: 0, resetMs: 250 })).toBe(250);
    expect(exhaustedPauseMs({ remaining: 0, resetMs: 86_400_000 })).toBe(MAX_RETRY_AFTER_MS);
    expect(exhaustedPauseMs({ remaining: 1, resetMs: 250 })).toBeUndefined();
    expect(exhaustedPauseMs({ remaining: 0 })).toBeUndefined();
    expect(exhaustedPauseMs(undefined)).toBeUndefined();
  });

  it("many calls sleeping on the run's one signal raise no listener-leak warning, and all wake on abort", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    const controller = new AbortController();
    const sleepers = Array.from({ length: 32 }, () => sleep(60_000, controller.signal));
    const gate = new ModelGate();
    gate.pause(60_000);
    const waiters = Array.from({ length: 32 }, () => gate.wait(controller.signal));
    controller.abort();
    await Promise.all([...sleepers, ...waiters]);
    await new Promise((resolve) => setImmediate(resolve));
    process.off("warning", onWarning);
    expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  it("a model-wide pause holds back every call to that model", async () => {
    const gate = new ModelGate();
    gate.pause(40);
    const started = Date.now();
    await gate.wait();
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });
});

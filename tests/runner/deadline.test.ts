// One deadline per call: made once by the runner for each attempt, obeyed by the provider, covering the body.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CallOptions, CompletionRequest, CompletionResult, Provider } from "../../src/core/types.js";
import { DeadlineExceeded, sdkCall, startDeadline } from "../../src/providers/call-scope.js";
import { callWithRetries } from "../../src/runner/attempts.js";
import { DEFAULT_RETRY, ModelGate } from "../../src/runner/retry.js";
import { completionRequest } from "../helpers/completion-request.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import { PROVIDER_TARGETS } from "../helpers/provider-targets.js";

const ANSWER: CompletionResult = {
  ok: true,
  text: "{}",
  usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 },
};

function callPlan(provider: Provider, request: CompletionRequest = completionRequest(), timeoutMs = 5_000) {
  return {
    provider,
    request,
    modelId: "m",
    rep: 0,
    timeoutMs,
    retry: { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 2, maxRetries: 3 },
    gate: new ModelGate(),
    signal: new AbortController().signal,
    emit: () => {},
  };
}

afterEach(() => vi.restoreAllMocks());

describe("the call's deadline", () => {
  it("the runner sets one timer per attempt and hands the provider its deadline", async () => {
    const seen: CallOptions[] = [];
    const provider: Provider = {
      id: "p",
      complete: async (_request, options) => {
        seen.push(options);
        return ANSWER;
      },
    };
    const timers = vi.spyOn(globalThis, "setTimeout");
    await callWithRetries(callPlan(provider, completionRequest(), 1234));
    expect(timers).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.timeoutMs).toBe(1234);
  });

  it("a provider given a deadline adds no timer of its own", async () => {
    const deadline = startDeadline(new AbortController().signal, 1_000);
    const timers = vi.spyOn(globalThis, "setTimeout");
    const result = await sdkCall(
      { signal: deadline.signal, timeoutMs: 1_000 },
      { timeoutMs: 60_000, apiKey: "k", sdk: SDK_ERRORS, send: async () => "{}", parse: () => ANSWER },
    );
    deadline.dispose();
    expect(result.ok).toBe(true);
    expect(timers).not.toHaveBeenCalled();
  });

  it("fires with a reason that says it was the deadline, not the caller", async () => {
    const deadline = startDeadline(new AbortController().signal, 10);
    await new Promise((resolve) => deadline.signal.addEventListener("abort", resolve));
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceeded);
    expect((deadline.signal.reason as Error).name).toBe("TimeoutError");
  });

  it("a custom provider that calls the deadline an abort still ends as a retryable timeout", async () => {
    const provider: Provider = {
      id: "slow",
      complete: (_request, { signal }) =>
        new Promise((resolve) =>
          signal.addEventListener("abort", () =>
            resolve({ ok: false, error: { kind: "aborted", message: "stopped", retryable: false } }),
          ),
        ),
    };
    const result = await callWithRetries({ ...callPlan(provider, completionRequest(), 20), retry: NO_RETRY });
    expect(result.error).toMatchObject({ kind: "timeout", retryable: true });
  });
});

const NO_RETRY = { ...DEFAULT_RETRY, maxRetries: 0 };

/** Stand-ins for an SDK's error classes: sdkCall only needs them to classify what was thrown. */
const SDK_ERRORS = {
  APIError: class extends Error {
    status: number | undefined;
    headers: Headers | undefined;
    error: unknown;
  },
  APIConnectionError: class extends Error {},
  APIConnectionTimeoutError: class extends Error {},
  APIUserAbortError: class extends Error {},
};

describe.each(PROVIDER_TARGETS)("$api provider under the runner's deadline", (target) => {
  let fake: FakeApi | undefined;
  afterEach(() => fake?.close());

  it("a body that stalls after the headers times out, and the retry succeeds", async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { "content-type": "application/json" });
      if (requests === 1) {
        res.write('{"id": "x",');
        return;
      }
      const text = '{"name":"Ana","phone":null}';
      res.end(
        target.api === "openai"
          ? JSON.stringify({ choices: [{ message: { content: text }, finish_reason: "stop" }] })
          : JSON.stringify({ content: [{ type: "text", text }], stop_reason: "end_turn" }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fake = await startFakeApi();
    const provider = target.make({ ...fake, openaiBaseURL: `${url}/v1`, anthropicBaseURL: url });
    try {
      const result = await callWithRetries(callPlan(provider, completionRequest(), 200));
      expect(result.error).toBeNull();
      expect(result.attempts).toBe(2);
      expect(result.text).toBe('{"name":"Ana","phone":null}');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("builds the request body once for all of a call's attempts", async () => {
    fake = await startFakeApi();
    fake.respond = (call) => (call.attempt === 1 ? { status: 503 } : { json: { name: "Ana", phone: null } });
    let reads = 0;
    const request = completionRequest();
    const counted = Object.defineProperty({ ...request }, "variable", {
      get: () => {
        reads++;
        return request.variable;
      },
    });
    const result = await callWithRetries(callPlan(target.make(fake), counted));
    expect(result.attempts).toBe(2);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.body).toEqual(fake.requests[0]?.body);
    expect(reads).toBe(1);
  });
});

// One suite, run against every remote provider through its real SDK and the loopback fake API.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { CompletionResult } from "../../src/core/types.js";
import { completionRequest } from "../helpers/completion-request.js";
import { type FakeApi, type FakeReply, startFakeApi } from "../helpers/fake-api.js";
import { PROVIDER_TARGETS, TEST_KEY } from "../helpers/provider-targets.js";

const tokens = (text: string) => Math.ceil(text.length / 4);

function errorOf(result: CompletionResult) {
  if (result.ok) throw new Error(`expected a failure, got ${result.text}`);
  return result.error;
}

describe.each(PROVIDER_TARGETS)("$api provider", (target) => {
  let fake: FakeApi;
  const signal = new AbortController().signal;

  beforeEach(async () => {
    await fake?.close();
    fake = await startFakeApi();
  });
  afterAll(() => fake?.close());

  async function completeWith(reply: FakeReply, options: { timeoutMs?: number } = {}) {
    fake.respond = () => reply;
    return target.make(fake, options).complete(completionRequest(), { signal });
  }

  it("returns the model's JSON as text, with tokens counted", async () => {
    const request = completionRequest();
    const result = await completeWith({ json: { name: "Ana Diaz", phone: "555-0100" } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.parse(result.text)).toEqual({ name: "Ana Diaz", phone: "555-0100" });
    expect(result.usage.inputTokens).toBe(tokens(request.stable) + tokens(request.variable));
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.usage.cachedInputTokens).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it("counts the stable prefix as cached input when it is sent again", async () => {
    const provider = target.make(fake);
    const first = await provider.complete(completionRequest(), { signal });
    const second = await provider.complete(completionRequest({ caseId: "b", variable: "Caller: hi" }), {
      signal,
    });
    expect(first.ok && second.ok).toBe(true);
    expect(first.ok && first.usage.cachedInputTokens).toBe(0);
    expect(second.ok && second.usage.cachedInputTokens).toBe(tokens(completionRequest().stable));
    expect(second.ok && second.usage.inputTokens).toBe(
      tokens(completionRequest().stable) + tokens("Caller: hi"),
    );
  });

  it("a 429 with retry-after is a retryable rate limit that says how long to wait", async () => {
    const error = errorOf(await completeWith({ status: 429, headers: { "retry-after": "2" } }));
    expect(error).toMatchObject({ kind: "rate_limit", retryable: true, status: 429, retryAfterMs: 2000 });
    // The SDK's own retries are off: the runner owns the retry policy.
    expect(fake.requests).toHaveLength(1);
  });

  it("reads retry-after-ms before retry-after", async () => {
    const headers = { "retry-after-ms": "1500", "retry-after": "9" };
    expect(errorOf(await completeWith({ status: 429, headers })).retryAfterMs).toBe(1500);
  });

  it.each([
    [500, "http", true],
    [503, "http", true],
    [529, "http", true],
    [408, "http", true],
    [401, "auth", false],
    [403, "auth", false],
    [400, "bad_request", false],
    [404, "bad_request", false],
    [422, "bad_request", false],
  ] as const)("an HTTP %i is a %s error, retryable: %s", async (status, kind, retryable) => {
    const error = errorOf(await completeWith({ status }));
    expect(error).toMatchObject({ kind, retryable, status });
    expect(error.message).toContain(String(status));
    expect(fake.requests).toHaveLength(1);
  });

  it("a server that never answers times out after timeoutMs", async () => {
    const error = errorOf(await completeWith({ hang: true }, { timeoutMs: 200 }));
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
  });

  it("a reset connection is a retryable network error", async () => {
    expect(errorOf(await completeWith({ reset: true }))).toMatchObject({ kind: "network", retryable: true });
  });

  it("an unreachable server is a retryable network error", async () => {
    const closed = await startFakeApi();
    await closed.close();
    const result = await target.make(closed).complete(completionRequest(), { signal });
    expect(errorOf(result)).toMatchObject({ kind: "network", retryable: true });
  });

  it("a body that stalls after the headers still times out", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id": "x",');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stalled = { ...fake, openaiBaseURL: `${url}/v1`, anthropicBaseURL: url };
    const result = await target.make(stalled, { timeoutMs: 200 }).complete(completionRequest(), { signal });
    server.closeAllConnections();
    server.close();
    expect(errorOf(result)).toMatchObject({ kind: "timeout", retryable: true });
  });

  it("a 200 with a broken JSON body is a retryable bad response", async () => {
    expect(errorOf(await completeWith({ malformed: true }))).toMatchObject({
      kind: "bad_response",
      retryable: true,
    });
  });

  it("a 200 that is not a completion at all is a bad response", async () => {
    const result = await completeWith({ status: 200, body: { hello: "world" } });
    expect(errorOf(result)).toMatchObject({ kind: "bad_response", retryable: true });
    expect(result.raw).toEqual({ hello: "world" });
  });

  it("an answer cut off at the token limit is truncated, with its usage", async () => {
    const result = await completeWith({ truncated: true, text: '{"name": "Ana' });
    expect(errorOf(result)).toMatchObject({ kind: "truncated", retryable: false });
    expect(result.usage?.outputTokens).toBe(tokens('{"name": "Ana'));
  });

  it("a refusal is reported as one", async () => {
    const error = errorOf(await completeWith({ refusal: "I can't help with that." }));
    expect(error).toMatchObject({ kind: "refusal", retryable: false });
  });

  it("aborting the signal mid-call is an abort, not a timeout", async () => {
    const controller = new AbortController();
    fake.respond = () => {
      controller.abort();
      return { hang: true };
    };
    const result = await target.make(fake).complete(completionRequest(), { signal: controller.signal });
    expect(errorOf(result)).toMatchObject({ kind: "aborted", retryable: false });
  });

  it("an already aborted signal sends nothing", async () => {
    const result = await target.make(fake).complete(completionRequest(), { signal: AbortSignal.abort() });
    expect(errorOf(result).kind).toBe("aborted");
    expect(fake.requests).toHaveLength(0);
  });

  it("sends the API key, and never returns it in a message or raw body", async () => {
    const echo = { error: { type: "authentication_error", message: `bad key ${TEST_KEY}`, key: TEST_KEY } };
    const result = await completeWith({ status: 401, body: echo });
    expect(errorOf(result).kind).toBe("auth");
    expect(JSON.stringify(result)).not.toContain(TEST_KEY);
    expect(JSON.stringify(result)).toContain("[redacted]");
    expect(JSON.stringify(fake.requests[0]?.headers)).toContain(TEST_KEY);
  });
});

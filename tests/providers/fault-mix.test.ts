// The fake API's fault mode, and how every fault it injects ends up classified by each real provider.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionResult } from "../../src/core/types.js";
import { completionRequest } from "../helpers/completion-request.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import {
  FAULT_KINDS,
  FAULT_OUTCOME,
  type FaultKind,
  TERMINAL_FAULTS,
  withFaults,
} from "../helpers/fault-mix.js";
import { PROVIDER_TARGETS } from "../helpers/provider-targets.js";

const ANSWER = { name: "Ana", phone: null };
const answer = () => ({ json: ANSWER });
const signal = new AbortController().signal;

let fake: FakeApi;
beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(() => fake.close());

const post = (body: unknown) =>
  fetch(`${fake.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify(body) });

describe("fault mode of the fake API", () => {
  it("decides by seed, body and attempt: the same seed gives the same faults, a retry may differ", async () => {
    const rates = { serverError: 0.3, refusal: 0.3 };
    const faultsOf = async (seed: number) => {
      const respond = withFaults(answer, { seed, rates });
      for (let i = 0; i < 30; i++) {
        for (const attempt of [1, 2]) await respond({ api: "openai", body: { case: i }, attempt });
      }
      return [...respond.log.calls.values()].map((call) => call.faults);
    };
    const first = await faultsOf(1);
    expect(await faultsOf(1)).toEqual(first);
    expect(await faultsOf(2)).not.toEqual(first);
    // Attempt 2 of a request is drawn apart from attempt 1: a retry of a faulted request may succeed.
    expect(first.some(([one, two]) => one !== "none" && two === "none")).toBe(true);
  });

  it("a retry through the server is the next attempt of the same request", async () => {
    const respond = withFaults(answer, { seed: 5, rates: { serverError: 0.5 } });
    fake.respond = respond;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post({ model: "retried" })).status);
    const [call] = respond.log.calls.values();
    expect(call?.faults).toHaveLength(4);
    expect(statuses.map((status) => (status === 200 ? "none" : "serverError"))).toEqual(call?.faults);
  });

  it("counts what it injected, by kind, close to the rates asked for", async () => {
    const respond = withFaults(answer, { seed: 7, rates: { rateLimit: 0.2, refusal: 0.1 } });
    for (let i = 0; i < 2000; i++) await respond({ api: "openai", body: { i }, attempt: 1 });
    const { injected } = respond.log;
    expect(injected.rateLimit + injected.refusal + injected.none).toBe(2000);
    expect(injected.rateLimit / 2000).toBeCloseTo(0.2, 1);
    expect(injected.refusal / 2000).toBeCloseTo(0.1, 1);
    expect(injected.hang).toBe(0);
  });

  it("refuses rates that add up to more than 1", () => {
    expect(() => withFaults(answer, { seed: 1, rates: { hang: 0.6, reset: 0.6 } })).toThrow(/more than 1/);
  });

  it("a 429 carries retry-after and the API's own rate-limit headers", async () => {
    fake.respond = withFaults(answer, { seed: 1, rates: { rateLimit: 1 } });
    const openai = await post({ model: "x" });
    expect(openai.status).toBe(429);
    expect(openai.headers.get("retry-after-ms")).toBe("5");
    expect(openai.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(openai.headers.get("x-ratelimit-reset-requests")).toBe("5ms");
    const anthropic = await fetch(`${fake.url}/v1/messages`, { method: "POST", body: "{}" });
    expect(anthropic.status).toBe(429);
    expect(anthropic.headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    expect(anthropic.headers.get("anthropic-ratelimit-requests-reset")).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

function outcome(result: CompletionResult) {
  return result.ok
    ? { kind: null, retryable: false }
    : { kind: result.error.kind, retryable: result.error.retryable };
}

describe.each(PROVIDER_TARGETS)("every injected fault, through the $api provider", (target) => {
  const kinds = FAULT_KINDS.filter((kind) => !(kind === "contentFilter" && target.api === "anthropic"));

  it.each(kinds)("%s ends as its error kind, retryable only when a retry can mend it", async (fault) => {
    fake.respond = withFaults(answer, { seed: 3, rates: { [fault]: 1 } });
    const provider = target.make(fake, { timeoutMs: 200 });
    const result = await provider.complete(completionRequest({ caseId: fault }), { signal });
    const expected = FAULT_OUTCOME[fault];
    const terminal = (TERMINAL_FAULTS as readonly FaultKind[]).includes(fault);
    expect(outcome(result)).toEqual({ kind: expected, retryable: expected !== null && !terminal });
  });

  it("an answer that says the quota is used up carries it, as does a 429", async () => {
    fake.respond = withFaults(answer, { seed: 3, rates: { exhausted: 1 }, exhaustedMs: 2000 });
    const provider = target.make(fake);
    const ok = await provider.complete(completionRequest(), { signal });
    expect(ok.ok && ok.rateLimit?.remaining).toBe(0);
    expect(ok.ok && ok.rateLimit?.resetMs).toBeGreaterThan(1000);
    expect(ok.ok && JSON.parse(ok.text)).toEqual(ANSWER);

    fake.respond = withFaults(answer, { seed: 3, rates: { rateLimit: 1 } });
    const limited = await provider.complete(completionRequest(), { signal });
    expect(limited.ok ? undefined : limited.error).toMatchObject({
      kind: "rate_limit",
      retryAfterMs: 5,
      rateLimit: { remaining: 0 },
    });
  });

  it("a plain answer with quota left carries what is left, and nothing to wait for", async () => {
    fake.respond = withFaults(answer, { seed: 3, rates: {} });
    const result = await target.make(fake).complete(completionRequest(), { signal });
    expect(result.ok && result.rateLimit?.remaining).toBe(100);
  });
});

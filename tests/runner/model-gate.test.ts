// The model-wide pause, seen from the server: while it lasts, no request for that model goes out.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Provider } from "../../src/core/types.js";
import { createOpenAIProvider } from "../../src/providers/openai.js";
import { callWithRetries } from "../../src/runner/attempts.js";
import type { RunEvent } from "../../src/runner/events.js";
import { DEFAULT_RETRY, ModelGate } from "../../src/runner/retry.js";
import { completionRequest } from "../helpers/completion-request.js";
import { type FakeApi, type FakeReply, startFakeApi } from "../helpers/fake-api.js";
import { rateLimitHeaders } from "../helpers/fault-mix.js";

const PAUSE_MS = 300;
const ANSWER = { json: { name: "Ana", phone: null } };
// Timers and the loopback add a little slack either way; the pause itself is far longer.
const SLACK_MS = 10;

let fake: FakeApi;
// A fresh server per test: it numbers attempts per request body over its whole life.
beforeEach(async () => {
  fake = await startFakeApi();
});
afterEach(() => fake.close());

/** The case id a request was for: each test request's user message is just its id. */
function caseOf(body: unknown): string {
  const text = JSON.stringify(body);
  return /"content":"(case-[a-z0-9]+)"/.exec(text)?.[1] ?? "?";
}

interface Arrival {
  caseId: string;
  attempt: number;
  at: number;
}

/** Answers `first`'s first attempt with `firstReply`, everything else with an answer; logs arrivals. */
function serve(firstReply: FakeReply): Arrival[] {
  const arrivals: Arrival[] = [];
  fake.respond = ({ body, attempt }) => {
    const caseId = caseOf(body);
    arrivals.push({ caseId, attempt, at: Date.now() });
    return caseId === "case-first" && attempt === 1 ? firstReply : ANSWER;
  };
  return arrivals;
}

function setup() {
  const provider: Provider = createOpenAIProvider(
    { id: "gpt", provider: "openai", model: "gpt-4.1-mini", baseURL: fake.openaiBaseURL },
    { apiKey: "sk-test" },
  );
  const gate = new ModelGate();
  const events: RunEvent[] = [];
  const call = (caseId: string) =>
    callWithRetries({
      provider,
      request: completionRequest({ caseId, variable: caseId }),
      modelId: "gpt",
      rep: 0,
      timeoutMs: 5_000,
      retry: { ...DEFAULT_RETRY, maxRetries: 2 },
      gate,
      signal: new AbortController().signal,
      emit: (event) => events.push(event),
    });
  return { call, events };
}

const OTHERS = ["case-b", "case-c", "case-d", "case-e"];

describe("a model-wide pause", () => {
  it("while one call waits on a 429's retry-after, no other call to the model is sent", async () => {
    const arrivals = serve({
      status: 429,
      headers: { "retry-after-ms": String(PAUSE_MS), ...rateLimitHeaders("openai", 0, PAUSE_MS) },
    });
    const { call, events } = setup();
    const first = call("case-first");
    // The others start the moment the first call hears its 429, as the next ones in a run would.
    await expect.poll(() => events.length, { interval: 2 }).toBe(1);
    const others = OTHERS.map(call);
    const results = await Promise.all([first, ...others]);

    expect(results.every((result) => result.error === null)).toBe(true);
    const limited = arrivals[0];
    expect(limited).toMatchObject({ caseId: "case-first", attempt: 1 });
    const pauseEnds = (limited?.at ?? 0) + PAUSE_MS - SLACK_MS;
    const duringPause = arrivals.slice(1).filter((arrival) => arrival.at < pauseEnds);
    expect(duringPause).toEqual([]);
    expect(
      arrivals
        .slice(1)
        .map((arrival) => arrival.caseId)
        .sort(),
    ).toEqual(["case-first", ...OTHERS].sort());
    expect(events).toEqual([
      expect.objectContaining({ type: "call-retrying", errorKind: "rate_limit", delayMs: PAUSE_MS }),
    ]);
  });

  it("an answer whose headers say the quota is used up holds the model until the reset", async () => {
    const arrivals = serve({ ...ANSWER, headers: rateLimitHeaders("openai", 0, PAUSE_MS) });
    const { call } = setup();
    expect((await call("case-first")).error).toBeNull();
    const answered = Date.now();
    const results = await Promise.all(OTHERS.map(call));

    expect(results.every((result) => result.error === null)).toBe(true);
    // Nothing was retried: the pause saved the 429s instead of collecting them.
    expect(arrivals).toHaveLength(1 + OTHERS.length);
    const pauseEnds = (arrivals[0]?.at ?? 0) + PAUSE_MS - SLACK_MS;
    expect(arrivals.slice(1).every((arrival) => arrival.at >= pauseEnds)).toBe(true);
    expect(Date.now() - answered).toBeGreaterThanOrEqual(PAUSE_MS - 2 * SLACK_MS);
  });

  it("quota left in the headers holds nothing back", async () => {
    const arrivals = serve({ ...ANSWER, headers: rateLimitHeaders("openai", 5, 60_000) });
    const { call } = setup();
    await call("case-first");
    const started = Date.now();
    await Promise.all(OTHERS.map(call));
    expect(arrivals).toHaveLength(1 + OTHERS.length);
    // Wrongly pausing would mean waiting the 60 s reset; half of that cannot be load, however slow the machine.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

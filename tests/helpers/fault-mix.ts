// The fake API's fault-injecting mode: a seeded mix of every provider fault, decided per request body and
// attempt, so a retry of the same request may succeed and the same seed always gives the same run.
import { createHash } from "node:crypto";
import type { ErrorKind } from "../../src/core/types.js";
import type { FakeApiCall, FakeApiKind, FakeReply, FakeRespond } from "./fake-api.js";
import { errorBody } from "./fake-api-replies.js";

export const FAULT_KINDS = [
  "rateLimit",
  "serverError",
  "hang",
  "reset",
  "malformed",
  "truncated",
  "refusal",
  "contentFilter",
  /** Not a failure: an answer whose headers say the request quota is used up for a few milliseconds. */
  "exhausted",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** What one request got: a fault, or "none" for a plain answer. */
export type Injected = FaultKind | "none";

/** The error kind a call ends with when its last attempt got this fault; null: it ends answered. */
export const FAULT_OUTCOME: Record<Injected, ErrorKind | null> = {
  rateLimit: "rate_limit",
  serverError: "http",
  hang: "timeout",
  reset: "network",
  malformed: "bad_response",
  truncated: "truncated",
  refusal: "refusal",
  contentFilter: "content_filter",
  exhausted: null,
  none: null,
};

/** Faults that are the model's own behaviour: a retry would not mend them, so a call ends with them. */
export const TERMINAL_FAULTS: readonly FaultKind[] = ["truncated", "refusal", "contentFilter"];

export interface FaultOptions {
  seed: number;
  /** Share of requests that get each fault, 0..1; together at most 1. */
  rates: Partial<Record<FaultKind, number>>;
  /** How long a 429 asks to wait (retry-after-ms). @default 5 */
  retryAfterMs?: number;
  /** How long an `exhausted` answer says the quota stays used up. @default 20 */
  exhaustedMs?: number;
}

export interface FaultCall {
  api: FakeApiKind;
  body: unknown;
  /** The fault each attempt got, in order. */
  faults: Injected[];
}

export interface FaultLog {
  /** Requests that got each fault. */
  injected: Record<Injected, number>;
  /** Per distinct request (API and body): what each of its attempts got. */
  calls: Map<string, FaultCall>;
}

export type FaultyRespond = FakeRespond & { log: FaultLog };

/** Anthropic has no content filter of its own (its classifiers end an answer with "refusal"). */
const applies = (fault: FaultKind, api: FakeApiKind) => !(fault === "contentFilter" && api === "anthropic");

/** Two independent uniform numbers in [0, 1) from the seed, the request and the attempt. */
function draw(seed: number, call: FakeApiCall, body: string): [number, number] {
  const digest = createHash("sha256").update(`${seed}\0${call.api}\0${body}\0${call.attempt}`).digest();
  return [digest.readUIntBE(0, 6) / 2 ** 48, digest.readUIntBE(6, 6) / 2 ** 48];
}

function pick(rates: FaultOptions["rates"], api: FakeApiKind, u: number): Injected {
  let cumulative = 0;
  for (const fault of FAULT_KINDS) {
    if (!applies(fault, api)) continue;
    cumulative += rates[fault] ?? 0;
    if (u < cumulative) return fault;
  }
  return "none";
}

/** Rate-limit headers as each API sends them: `remaining` requests left, refilled in `resetMs`. */
export function rateLimitHeaders(
  api: FakeApiKind,
  remaining: number,
  resetMs: number,
): Record<string, string> {
  if (api === "openai") {
    return {
      "x-ratelimit-limit-requests": "500",
      "x-ratelimit-remaining-requests": String(remaining),
      "x-ratelimit-reset-requests": `${resetMs}ms`,
    };
  }
  return {
    "anthropic-ratelimit-requests-limit": "50",
    "anthropic-ratelimit-requests-remaining": String(remaining),
    "anthropic-ratelimit-requests-reset": new Date(Date.now() + resetMs).toISOString(),
  };
}

const withHeaders = (reply: FakeReply, headers: Record<string, string>): FakeReply =>
  "json" in reply || "text" in reply ? { ...reply, headers: { ...headers, ...reply.headers } } : reply;

function truncatedFrom(reply: FakeReply): FakeReply {
  const whole = "json" in reply ? JSON.stringify(reply.json) : "text" in reply ? reply.text : '{"name": "A';
  return { truncated: true, text: whole.slice(0, Math.max(1, Math.floor(whole.length / 2))) };
}

/** `respond`, with a seeded share of requests answered by a fault instead; `log` says which. */
export function withFaults(respond: FakeRespond, options: FaultOptions): FaultyRespond {
  const total = Object.values(options.rates).reduce((sum, rate) => sum + (rate ?? 0), 0);
  if (total > 1) throw new Error(`fault rates add up to ${total}, more than 1`);
  const retryAfterMs = options.retryAfterMs ?? 5;
  const exhaustedMs = options.exhaustedMs ?? 20;
  const log: FaultLog = {
    injected: Object.fromEntries([...FAULT_KINDS, "none"].map((kind) => [kind, 0])) as Record<
      Injected,
      number
    >,
    calls: new Map(),
  };

  async function faulty(call: FakeApiCall): Promise<FakeReply> {
    const body = JSON.stringify(call.body) ?? "";
    const [u, v] = draw(options.seed, call, body);
    const fault = pick(options.rates, call.api, u);
    log.injected[fault]++;
    const key = `${call.api}\0${body}`;
    const entry = log.calls.get(key) ?? { api: call.api, body: call.body, faults: [] };
    entry.faults[call.attempt - 1] = fault;
    log.calls.set(key, entry);

    switch (fault) {
      case "rateLimit":
        return {
          status: 429,
          body: errorBody(call.api, 429),
          headers: {
            "retry-after": String(Math.ceil(retryAfterMs / 1000)),
            "retry-after-ms": String(retryAfterMs),
            ...rateLimitHeaders(call.api, 0, retryAfterMs),
          },
        };
      case "serverError": {
        const statuses = call.api === "anthropic" ? [500, 502, 503, 529] : [500, 502, 503];
        return { status: statuses[Math.floor(v * statuses.length)] ?? 500 };
      }
      case "hang":
        return { hang: true };
      case "reset":
        return { reset: true };
      case "malformed":
        return { malformed: true };
      case "refusal":
        return { refusal: "I can't help with that." };
      case "contentFilter":
        return { contentFilter: true };
      case "truncated":
        return truncatedFrom(await respond(call));
      case "exhausted":
        return withHeaders(await respond(call), rateLimitHeaders(call.api, 0, exhaustedMs));
      case "none":
        return withHeaders(await respond(call), rateLimitHeaders(call.api, 100, 1000));
    }
  }
  return Object.assign(faulty, { log });
}

/** How a call should end, read from what its attempts got: the last attempt decides. */
export function expectedOutcome(call: FaultCall): ErrorKind | null {
  const last = call.faults.at(-1);
  return last === undefined ? null : FAULT_OUTCOME[last];
}

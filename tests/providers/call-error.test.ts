import { describe, expect, it } from "vitest";
import {
  classifyStatus,
  parseRateLimit,
  parseResetMs,
  parseRetryAfter,
  statusError,
} from "../../src/providers/call-error.js";

const headers = (init: Record<string, string>) => new Headers(init);

describe("retry-after", () => {
  it("reads seconds, fractions of a second and milliseconds", () => {
    expect(parseRetryAfter(headers({ "retry-after": "2" }))).toBe(2000);
    expect(parseRetryAfter(headers({ "retry-after": "0.5" }))).toBe(500);
    expect(parseRetryAfter(headers({ "retry-after-ms": "1500", "retry-after": "9" }))).toBe(1500);
  });

  it("reads an HTTP date as the time left until then, never negative", () => {
    const now = Date.parse("2025-06-01T12:00:00Z");
    expect(parseRetryAfter(headers({ "retry-after": "Sun, 01 Jun 2025 12:00:30 GMT" }), now)).toBe(30_000);
    expect(parseRetryAfter(headers({ "retry-after": "Sun, 01 Jun 2025 11:00:00 GMT" }), now)).toBe(0);
  });

  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after-ms": "-5" }))).toBeUndefined();
    expect(parseRetryAfter(headers({}))).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe("HTTP status", () => {
  it.each([
    [429, "rate_limit", true],
    [408, "http", true],
    [409, "http", true],
    [500, "http", true],
    [529, "http", true],
    [401, "auth", false],
    [403, "auth", false],
    [400, "bad_request", false],
    [404, "bad_request", false],
    [413, "bad_request", false],
    [422, "bad_request", false],
  ] as const)("%i is %s, retryable: %s", (status, kind, retryable) => {
    expect(classifyStatus(status)).toEqual({ kind, retryable });
  });

  it("x-should-retry from the API overrides the status", () => {
    expect(statusError(400, "400 busy", headers({ "x-should-retry": "true" })).retryable).toBe(true);
    expect(statusError(500, "500 no", headers({ "x-should-retry": "false" })).retryable).toBe(false);
  });
});

describe("rate-limit headers", () => {
  const now = Date.parse("2025-06-01T12:00:00Z");

  it.each([
    ["1s", 1000],
    ["6m0s", 360_000],
    ["250ms", 250],
    ["1h2m3.5s", 3_723_500],
    ["0.5s", 500],
    ["0s", 0],
    ["20", 20_000],
  ])("reads OpenAI's reset %s as %i ms", (value, ms) => {
    expect(parseResetMs(value, now)).toBe(ms);
  });

  it("reads Anthropic's RFC 3339 reset as the time left until then, never negative", () => {
    expect(parseResetMs("2025-06-01T12:00:30Z", now)).toBe(30_000);
    expect(parseResetMs("2025-06-01T12:00:00.250Z", now)).toBe(250);
    expect(parseResetMs("2025-06-01T11:59:00Z", now)).toBe(0);
  });

  it("ignores a reset it cannot read", () => {
    for (const value of ["soon", "5 minutes", "1x", "June", "", null, undefined]) {
      expect(parseResetMs(value, now)).toBeUndefined();
    }
  });

  it("takes the tightest limit: the fewest left, then the latest reset", () => {
    const openai = headers({
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": "6m0s",
      "x-ratelimit-remaining-tokens": "0",
      "x-ratelimit-reset-tokens": "1s",
    });
    expect(parseRateLimit(openai, now)).toEqual({ remaining: 0, resetMs: 360_000 });
    const anthropic = headers({
      "anthropic-ratelimit-requests-remaining": "12",
      "anthropic-ratelimit-requests-reset": "2025-06-01T12:00:10Z",
      "anthropic-ratelimit-output-tokens-remaining": "0",
      "anthropic-ratelimit-output-tokens-reset": "2025-06-01T12:00:02Z",
    });
    expect(parseRateLimit(anthropic, now)).toEqual({ remaining: 0, resetMs: 2000 });
  });

  it("is absent when no limit header came, and keeps a count without a reset", () => {
    expect(parseRateLimit(headers({ "retry-after": "1" }), now)).toBeUndefined();
    expect(parseRateLimit(undefined, now)).toBeUndefined();
    expect(parseRateLimit(headers({ "x-ratelimit-remaining-requests": "7" }), now)).toEqual({ remaining: 7 });
  });

  it("a 429's error carries the limit its headers reported", () => {
    const error = statusError(
      429,
      "429 slow down",
      headers({ "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s" }),
    );
    expect(error).toMatchObject({ kind: "rate_limit", rateLimit: { remaining: 0, resetMs: 1000 } });
    expect(error.retryAfterMs).toBeUndefined();
  });
});

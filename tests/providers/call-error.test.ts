import { describe, expect, it } from "vitest";
import { classifyStatus, parseRetryAfter, statusError } from "../../src/providers/call-error.js";

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

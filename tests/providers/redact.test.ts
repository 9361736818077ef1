import { describe, expect, it } from "vitest";
import { redactKey } from "../../src/providers/call-scope.js";

describe("redactKey", () => {
  it("removes the key from messages and raw bodies, and leaves the error kind alone, however short the key", () => {
    const result = redactKey(
      {
        ok: false,
        error: { kind: "network", message: "bad key k used", retryable: true },
        raw: { echo: ["k"] },
      },
      "k",
    );
    expect(result).toEqual({
      ok: false,
      error: { kind: "network", message: "bad [redacted]ey [redacted] used", retryable: true },
      raw: { echo: ["[redacted]"] },
    });
  });
});

describe("redactKey on an answer", () => {
  it("removes a key the model echoed into its text", () => {
    const result = redactKey(
      {
        ok: true,
        text: "your key is sk-live-123456",
        usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 },
      },
      "sk-live-123456",
    );
    expect(result).toMatchObject({ ok: true, text: "your key is [redacted]" });
  });
});

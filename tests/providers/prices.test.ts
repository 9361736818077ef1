import { describe, expect, it } from "vitest";
import { costUsd, lookupPrice, PRICES, priceFor } from "../../src/providers/prices.js";

const usage = (inputTokens: number, cachedInputTokens: number, outputTokens: number) => ({
  inputTokens,
  cachedInputTokens,
  outputTokens,
});

describe("price lookup", () => {
  it("finds a model by its exact name", () => {
    expect(lookupPrice("gpt-4.1-mini")).toBe(PRICES["gpt-4.1-mini"]);
    expect(lookupPrice("claude-haiku-4-5")).toBe(PRICES["claude-haiku-4-5"]);
  });

  it("finds a dated snapshot by the longest name it starts with", () => {
    expect(lookupPrice("gpt-4.1-mini-2025-04-14")).toBe(PRICES["gpt-4.1-mini"]);
    expect(lookupPrice("gpt-4o-mini-2024-07-18")).toBe(PRICES["gpt-4o-mini"]);
    expect(lookupPrice("gpt-4o-2024-08-06")).toBe(PRICES["gpt-4o"]);
    expect(lookupPrice("claude-sonnet-4-5-20250929")).toBe(PRICES["claude-sonnet-4-5"]);
    expect(lookupPrice("claude-3-5-haiku-latest")).toBe(PRICES["claude-3-5-haiku"]);
  });

  it("knows nothing of unknown models, nor of names that only share letters", () => {
    expect(lookupPrice("llama3.1:8b")).toBeUndefined();
    expect(lookupPrice("gpt-4.10")).toBeUndefined();
  });

  it("the config's price wins; a replay has none unless set", () => {
    const price = { inputPerMTok: 1, outputPerMTok: 2 };
    expect(priceFor({ id: "a", provider: "openai", model: "gpt-4o", price })).toBe(price);
    expect(priceFor({ id: "a", provider: "openai", model: "gpt-4o" })).toBe(PRICES["gpt-4o"]);
    expect(priceFor({ id: "r", provider: "replay", path: "x.jsonl" })).toBeUndefined();
  });
});

describe("cost", () => {
  it("bills cached input at the cached price and the rest at the input price", () => {
    const price = { inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8 };
    // 600k uncached × $2 + 400k cached × $0.50 + 100k output × $8 = 1.2 + 0.2 + 0.8
    expect(costUsd(usage(1_000_000, 400_000, 100_000), price)).toBeCloseTo(2.2, 10);
  });

  it("bills cached input at the input price when no cached price is given", () => {
    expect(costUsd(usage(1000, 1000, 0), { inputPerMTok: 3, outputPerMTok: 15 })).toBeCloseTo(0.003, 12);
  });

  it("is null when the price is unknown", () => {
    expect(costUsd(usage(10, 0, 10))).toBeNull();
    expect(costUsd(usage(10, 0, 10), lookupPrice("my-local-model"))).toBeNull();
  });
});

// Built-in model prices and the cost of a call.
import type { ModelConfig } from "../config/schema.js";
import type { Usage } from "../core/types.js";
import { capabilitiesOf } from "./registry.js";

/** USD per million tokens; the same shape as a model's `price` in the config. */
export type Price = NonNullable<ModelConfig["price"]>;

const p = (inputPerMTok: number, cachedInputPerMTok: number, outputPerMTok: number): Price => ({
  inputPerMTok,
  cachedInputPerMTok,
  outputPerMTok,
});

/**
 * List prices (standard tier, no batch discount) at the time of writing. They change: set `price`
 * on a model in the config to override. Anthropic bills cache writes at 1.25× input; Usage does not
 * count them apart, so they are billed here at the input price.
 */
export const PRICES: Readonly<Record<string, Price>> = {
  "gpt-5.1": p(1.25, 0.125, 10),
  "gpt-5": p(1.25, 0.125, 10),
  "gpt-5-mini": p(0.25, 0.025, 2),
  "gpt-5-nano": p(0.05, 0.005, 0.4),
  "gpt-4.1": p(2, 0.5, 8),
  "gpt-4.1-mini": p(0.4, 0.1, 1.6),
  "gpt-4.1-nano": p(0.1, 0.025, 0.4),
  "gpt-4o": p(2.5, 1.25, 10),
  "gpt-4o-mini": p(0.15, 0.075, 0.6),
  o3: p(2, 0.5, 8),
  "o3-mini": p(1.1, 0.55, 4.4),
  "o4-mini": p(1.1, 0.275, 4.4),
  "claude-opus-4-5": p(5, 0.5, 25),
  "claude-opus-4-1": p(15, 1.5, 75),
  "claude-opus-4": p(15, 1.5, 75),
  "claude-sonnet-4-5": p(3, 0.3, 15),
  "claude-sonnet-4": p(3, 0.3, 15),
  "claude-haiku-4-5": p(1, 0.1, 5),
  "claude-3-7-sonnet": p(3, 0.3, 15),
  "claude-3-5-sonnet": p(3, 0.3, 15),
  "claude-3-5-haiku": p(0.8, 0.08, 4),
  "claude-3-haiku": p(0.25, 0.03, 1.25),
};

/**
 * The built-in price of a model: by exact name, else by the longest name it starts with followed by
 * "-", so dated snapshots ("gpt-4.1-mini-2025-04-14", "claude-sonnet-4-5-20250929") resolve.
 */
export function lookupPrice(model: string): Price | undefined {
  const exact = PRICES[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const name of Object.keys(PRICES)) {
    if (model.startsWith(`${name}-`) && name.length > (best?.length ?? 0)) best = name;
  }
  return best === undefined ? undefined : PRICES[best];
}

/** The config's `price` if set, else the built-in one for its model, for a provider the price table knows. */
export function priceFor(config: ModelConfig): Price | undefined {
  if (config.price) return config.price;
  return capabilitiesOf(config.provider).priced && "model" in config ? lookupPrice(config.model) : undefined;
}

/** USD for one call, or null when the price is unknown. Cached input is billed at the cached price. */
export function costUsd(usage: Usage, price?: Price): number | null {
  if (!price) return null;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const cachedPrice = price.cachedInputPerMTok ?? price.inputPerMTok;
  const usd =
    (usage.inputTokens - cached) * price.inputPerMTok +
    cached * cachedPrice +
    usage.outputTokens * price.outputPerMTok;
  return usd / 1_000_000;
}

// Whether a model's latency and cost mean something to compare. A replay without recorded latencies (its rows
// have no `latencyMs`) is timed by callgrade reading its file, and one without usage costs nothing: comparing
// those would gate on callgrade's own speed, so the gate skips them and says so, once.
import { findProvider } from "../providers/index.js";
import type { Baseline, BaselineModel, UncheckedMetric } from "./types.js";

/** Below this a call's time is callgrade's own work (a file read), not a model's. */
export const NO_MODEL_MS = 5;

type Metric = UncheckedMetric["metric"];

/** The latency and cost checks that would compare nothing real for this model, and why. */
export function unmeasured(
  candidate: Baseline,
  baseline: Baseline,
  cand: BaselineModel,
  base: BaselineModel,
  shared: [number, number][],
): UncheckedMetric[] {
  const sides = [
    { who: "this run", model: cand, provider: providerOf(candidate, cand.id), at: shared.map(([i]) => i) },
    {
      who: "the baseline",
      model: base,
      provider: providerOf(baseline, base.id),
      at: shared.map(([, j]) => j),
    },
  ];
  const result: UncheckedMetric[] = [];
  for (const metric of ["latencyMs.mean", "costUsd.perCall"] as const) {
    const notes = sides.flatMap((side) => {
      // Answered calls have a latency; the cost of an answered call is null only without a price.
      const answered = side.at.filter((k) => typeof side.model.latencyMs[k] === "number");
      const why = answered.length === 0 ? undefined : reason(metric, side.model, answered, side.provider);
      return why ? [{ who: side.who, why }] : [];
    });
    const [first, second] = notes;
    if (!first) continue;
    const why =
      !second || first.why === second.why
        ? first.why + (second ? "" : ` (${first.who})`)
        : notes.map((n) => `${n.who}: ${n.why}`).join("; ");
    result.push({ model: cand.id, metric, reason: why });
  }
  return result;
}

function reason(
  metric: Metric,
  model: BaselineModel,
  answered: number[],
  provider: string,
): string | undefined {
  const recording = recorded(provider);
  if (metric === "latencyMs.mean") {
    if (answered.some((k) => (model.latencyMs[k] ?? 0) >= NO_MODEL_MS)) return undefined;
    return recording
      ? `${provider} rows without latencyMs, so its times are callgrade reading the file`
      : `every call took under ${NO_MODEL_MS} ms: no model time to compare`;
  }
  const costs = answered.map((k) => model.costUsd[k] ?? null);
  if (costs.every((c) => c === null)) return "no price for the model";
  if (costs.every((c) => c === null || c === 0))
    return recording ? `${provider} rows without usage: no tokens to price` : "no priced tokens";
  return undefined;
}

/**
 * Whether the provider's answers are recordings, whose times and usage are the recording's. Derived from the
 * stored kind rather than stored with the run: the kind is in every store and baseline file already, old ones
 * included, so no migration is needed and a committed baseline gets the same answer as a fresh run. A kind no
 * longer registered counts as measured, the case where the gate checks rather than skips.
 */
function recorded(provider: string): boolean {
  return findProvider(provider)?.capabilities.input === "recorded";
}

function providerOf(run: Baseline, id: string): string {
  return run.models.find((m) => m.id === id)?.provider ?? "";
}

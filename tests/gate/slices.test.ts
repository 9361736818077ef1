// Thresholds on one slice: judged with the slice's interval under the same policy as the whole run's, and a
// slice that cannot be measured is a config error, not a silent pass.
import { describe, expect, it } from "vitest";
import { configSchema, gatesSchema } from "../../src/config/schema.js";
import type { RunSummary, SliceModelMetrics } from "../../src/core/summary.js";
import { runGate } from "../../src/gate/index.js";
import type { Baseline } from "../../src/gate/types.js";
import { wilson } from "../../src/scoring/metrics.js";

function sliceModel(fieldAccuracy: number, stdError: number, n: number): SliceModelMetrics {
  const correct = Math.round(fieldAccuracy * n);
  return {
    fieldAccuracy,
    stdError,
    ci95: [
      Math.max(0, fieldAccuracy - 1.959964 * stdError),
      Math.min(1, fieldAccuracy + 1.959964 * stdError),
    ],
    n,
    fields: { date: { accuracy: correct / n, ci95: wilson(correct, n), n, correct } },
  };
}

/** A run of model "m" whose only slice key is language: ja and en, with the figures given. */
function run(ja: SliceModelMetrics, en: SliceModelMetrics): Baseline {
  const summary: RunSummary = {
    runId: "r",
    suite: "crafted",
    createdAt: "2026-11-30T00:00:00.000Z",
    status: "finished",
    caseCount: 200,
    repeat: 1,
    hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
    models: [
      {
        id: "m",
        provider: "replay",
        model: null,
        calls: 200,
        errors: 0,
        errorsByKind: {},
        cachedCalls: 0,
        schemaValidRate: 1,
        fieldAccuracy: 0.9,
        fields: {
          date: {
            accuracy: 0.9,
            ci95: wilson(180, 200),
            precision: null,
            recall: null,
            f1: null,
            n: 200,
            correct: 180,
          },
        },
        latencyMs: { p50: 1, p95: 1 },
        tokens: { input: 0, output: 0, cachedInput: 0 },
        costUsd: 0,
      },
    ],
    skippedModels: [],
    agreement: {},
    review: { queued: 0, byReason: {}, graded: 0, contested: 0, interRater: {} },
    unscored: {},
    slices: { language: { ja: { cases: 100, models: { m: ja } }, en: { cases: 100, models: { m: en } } } },
  };
  return { ...summary, baseline: { format: "callgrade-baseline", version: 1, cases: [], models: [] } };
}

const gates = (thresholds: unknown[], policy = "lower-bound") => gatesSchema.parse({ thresholds, policy });
const onJa = (extra: Record<string, unknown> = {}) => ({
  metric: "fieldAccuracy",
  min: 0.8,
  slice: { language: "ja" },
  ...extra,
});

describe("a threshold on a slice", () => {
  const candidate = run(sliceModel(0.95, 0.02, 100), sliceModel(0.83, 0.02, 100));

  it("passes when the slice's interval clears the limit, and names the slice", () => {
    const result = runGate(candidate, { gates: gates([onJa()]), strict: false });
    expect(result.verdict).toBe("pass");
    expect(result.checks[0]).toMatchObject({ id: "threshold:fieldAccuracy:m:language=ja", verdict: "pass" });
    expect(result.checks[0]?.message).toMatch(
      /^fieldAccuracy:m \[language=ja\] = 0\.95 \(95% CI 0\.911–0\.989\)/,
    );
  });

  it("is inconclusive when only the point estimate meets the limit, and passes under the point policy", () => {
    const en = onJa({ slice: { language: "en" } });
    expect(runGate(candidate, { gates: gates([en]), strict: false }).verdict).toBe("inconclusive");
    expect(runGate(candidate, { gates: gates([en], "point"), strict: false }).verdict).toBe("pass");
  });

  it("fails when the slice misses the limit though the whole run meets it", () => {
    const result = runGate(candidate, { gates: gates([onJa({ min: 0.96 })]), strict: false });
    expect(result.verdict).toBe("fail");
  });

  it("judges one field of the slice by its Wilson interval", () => {
    const result = runGate(candidate, { gates: gates([onJa({ field: "date", min: 0.9 })]), strict: false });
    expect(result.checks[0]).toMatchObject({
      id: "threshold:fieldAccuracy:m:date:language=ja",
      observed: 0.95,
      interval: wilson(95, 100),
      n: 100,
    });
  });

  it("matches numbers and booleans in the config to their text in the summary", () => {
    const numeric = run(sliceModel(0.95, 0.02, 100), sliceModel(0.83, 0.02, 100));
    numeric.slices = { floor: { "3": { cases: 100, models: { m: sliceModel(0.95, 0.02, 100) } } } };
    const result = runGate(numeric, { gates: gates([onJa({ slice: { floor: 3 } })]), strict: false });
    expect(result.checks[0]?.id).toBe("threshold:fieldAccuracy:m:floor=3");
  });

  it("refuses a value no case has and a key the suite does not slice by", () => {
    expect(() =>
      runGate(candidate, { gates: gates([onJa({ slice: { language: "fr" } })]), strict: false }),
    ).toThrow('gates.thresholds.0.slice: no case has language = "fr"; its values: ja, en');
    expect(() =>
      runGate(candidate, { gates: gates([onJa({ slice: { region: "x" } })]), strict: false }),
    ).toThrow(`"region" is not among the suite's slices (language); add it to slices: ["region"]`);
  });

  it("is refused by the schema on a metric other than fieldAccuracy, or with two keys", () => {
    expect(() => gates([{ metric: "errorRate", max: 0.1, slice: { language: "ja" } }])).toThrow(
      "slice applies to metric fieldAccuracy only",
    );
    expect(() => gates([onJa({ slice: { language: "ja", business: "clinic" } })])).toThrow(
      "slice names one meta key and its value",
    );
    expect(configSchema.shape.slices.safeParse(["language", "language"]).success).toBe(false);
  });
});

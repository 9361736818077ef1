import { describe, expect, it } from "vitest";
import { fieldMetrics, mean, percentile, wilson } from "../../src/scoring/metrics.js";
import type { FieldOutcome } from "../../src/scoring/score.js";

// Wilson interval: centre = (p + z²/2n) / (1 + z²/n),
// half-width = z / (1 + z²/n) · sqrt(p(1−p)/n + z²/4n²), z = 1.959964, z² = 3.841459.
describe("wilson", () => {
  it("8 of 10 gives [0.4902, 0.9433]", () => {
    // p = 0.8, 1 + z²/n = 1.384146, centre = 0.992073 / 1.384146 = 0.716740,
    // half = 1.415995 · sqrt(0.016 + 0.009604) = 1.415995 · 0.160011 = 0.226575.
    const [low, high] = wilson(8, 10);
    expect(low).toBeCloseTo(0.4902, 4);
    expect(high).toBeCloseTo(0.9433, 4);
  });

  it("0 of 10 starts at 0 and 10 of 10 ends at 1, without leaving [0, 1]", () => {
    // 0/10: centre = 0.192073 / 1.384146 = 0.138766 = half, so [0, 0.2775].
    const [zeroLow, zeroHigh] = wilson(0, 10);
    expect(zeroLow).toBeCloseTo(0, 10);
    expect(zeroHigh).toBeCloseTo(0.2775, 4);
    const [fullLow, fullHigh] = wilson(10, 10);
    expect(fullLow).toBeCloseTo(0.7225, 4);
    expect(fullHigh).toBeCloseTo(1, 10);
  });

  it("no trials give the whole range", () => {
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it("a smaller z gives a narrower interval", () => {
    const [low95, high95] = wilson(8, 10);
    const [low80, high80] = wilson(8, 10, 1.281552);
    expect(high80 - low80).toBeLessThan(high95 - low95);
  });
});

const v = { kind: "value", value: "x" } as const;
const none = { kind: "none" } as const;
function outcome(kind: FieldOutcome["outcome"], gold: FieldOutcome["gold"] = v): FieldOutcome {
  const correct = kind === "tp" || kind === "tn";
  return {
    field: "f",
    correct,
    outcome: kind,
    gold: kind === "tn" || kind === "fp" ? none : gold,
    predicted: v,
  };
}

describe("fieldMetrics", () => {
  it("counts wrong as a false positive and a false negative, and invalid with gold as a false negative", () => {
    // tp 3, tn 2, fp 1, fn 1, wrong 1, invalid with gold 1, invalid without gold 1: n = 10, correct = 5.
    // precision = 3 / (3 + 1 + 1) = 0.6; recall = 3 / (3 + 1 + 1 + 1) = 0.5;
    // f1 = 2 · 0.6 · 0.5 / 1.1 = 0.5455; ci95 = wilson(5, 10) = [0.2366, 0.7634].
    const metrics = fieldMetrics([
      outcome("tp"),
      outcome("tp"),
      outcome("tp"),
      outcome("tn"),
      outcome("tn"),
      outcome("fp"),
      outcome("fn"),
      outcome("wrong"),
      outcome("invalid", v),
      outcome("invalid", none),
    ]);
    expect(metrics.n).toBe(10);
    expect(metrics.correct).toBe(5);
    expect(metrics.accuracy).toBe(0.5);
    expect(metrics.precision).toBeCloseTo(0.6, 10);
    expect(metrics.recall).toBeCloseTo(0.5, 10);
    expect(metrics.f1).toBeCloseTo(0.5455, 4);
    expect(metrics.ci95?.[0]).toBeCloseTo(0.2366, 4);
    expect(metrics.ci95?.[1]).toBeCloseTo(0.7634, 4);
  });

  it("leaves precision null when nothing was predicted, and recall null when gold never had a value", () => {
    const metrics = fieldMetrics([outcome("tn"), outcome("tn")]);
    expect(metrics.accuracy).toBe(1);
    expect(metrics.precision).toBeNull();
    expect(metrics.recall).toBeNull();
    expect(metrics.f1).toBeNull();
  });

  it("leaves unreadable values out of accuracy, precision and recall, and counts them apart", () => {
    const metrics = fieldMetrics([
      outcome("tp"),
      outcome("wrong"),
      outcome("unreadable"),
      outcome("unreadable"),
    ]);
    expect(metrics).toMatchObject({
      accuracy: 0.5,
      precision: 0.5,
      recall: 0.5,
      n: 2,
      correct: 1,
      unreadable: 2,
    });
    expect(fieldMetrics([outcome("tp")])).not.toHaveProperty("unreadable");
  });

  it("gives f1 0, not null, when every value is wrong", () => {
    const metrics = fieldMetrics([outcome("wrong"), outcome("wrong")]);
    expect(metrics.precision).toBe(0);
    expect(metrics.recall).toBe(0);
    expect(metrics.f1).toBe(0);
  });

  it("has no accuracy or interval without outcomes", () => {
    expect(fieldMetrics([])).toEqual({
      accuracy: null,
      ci95: null,
      precision: null,
      recall: null,
      f1: null,
      n: 0,
      correct: 0,
    });
  });
});

describe("percentile", () => {
  it("interpolates linearly between ranks", () => {
    // rank = p/100 · (n − 1): p50 of 4 values is rank 1.5, p95 is rank 2.85.
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 95)).toBeCloseTo(3.85, 10);
    expect(percentile([10, 20, 30], 50)).toBe(20);
  });

  it("gives the ends at 0 and 100, the value of a single-item list, and null for none", () => {
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it("rejects a percentile outside 0..100", () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("mean", () => {
  it("averages values, and is null for none", () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(mean([])).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import type { FieldSpec, MatchContext } from "../../src/core/types.js";
import { humanMetrics, rightBy, settle, verdictLabel } from "../../src/scoring/adjudicate.js";

const CTX: MatchContext = { phoneRegion: "US", referenceDate: "2026-03-23" };
const DATE: FieldSpec = { name: "date", match: { kind: "date" } };
const NOTES: FieldSpec = { name: "notes", match: { kind: "free-text" } };

describe("adjudication", () => {
  it("reviewers who give the same date in different forms agree", () => {
    const a = verdictLabel(DATE, { kind: "edit", value: "2026-03-30" }, CTX);
    const b = verdictLabel(DATE, { kind: "pick", modelId: "m", value: "March 30" }, CTX);
    expect(a).toBe(b);
    expect(
      settle(DATE, [{ reviewer: "ann", verdict: { kind: "edit", value: "2026-03-30" } }], CTX),
    ).toMatchObject({
      kind: "value",
      value: "2026-03-30",
    });
  });

  it("reviewers who disagree leave the field contested, and it judges no model", () => {
    const settled = settle(
      DATE,
      [
        { reviewer: "ann", verdict: { kind: "edit", value: "2026-03-30" } },
        { reviewer: "bob", verdict: { kind: "none" } },
      ],
      CTX,
    );
    expect(settled).toEqual({ kind: "contested" });
    expect(
      rightBy(DATE, { kind: "contested" }, "m", { valid: true, value: "2026-03-30" }, CTX),
    ).toBeUndefined();
  });

  it("a settled value makes equal answers right, and invalid outputs wrong", () => {
    const settled = settle(DATE, [{ reviewer: "ann", verdict: { kind: "edit", value: "2026-03-30" } }], CTX);
    if (!settled) throw new Error("not settled");
    expect(rightBy(DATE, settled, "a", { valid: true, value: "3/30/2026" }, CTX)).toBe(true);
    expect(rightBy(DATE, settled, "b", { valid: true, value: "2026-03-31" }, CTX)).toBe(false);
    expect(rightBy(DATE, settled, "c", { valid: false, value: undefined }, CTX)).toBe(false);
    expect(rightBy(DATE, { kind: "none" }, "a", { valid: true, value: "2026-03-30" }, CTX)).toBe(false);
  });

  it("free-text ratings judge each model by its pass mark", () => {
    const settled = settle(
      NOTES,
      [
        {
          reviewer: "ann",
          verdict: { kind: "rating", ratings: { a: { score: 4, pass: true }, b: { score: 2, pass: false } } },
        },
      ],
      CTX,
    );
    if (!settled) throw new Error("not settled");
    expect(rightBy(NOTES, settled, "a", { valid: true, value: "x" }, CTX)).toBe(true);
    expect(rightBy(NOTES, settled, "b", { valid: true, value: "y" }, CTX)).toBe(false);
    expect(rightBy(NOTES, settled, "c", { valid: true, value: "z" }, CTX)).toBeUndefined();
  });

  it("human accuracy counts labelled cases and how many people settled", () => {
    const metrics = humanMetrics([
      { right: true, byPerson: true },
      { right: true, byPerson: false },
      { right: true, byPerson: false },
      { right: false, byPerson: true },
    ]);
    expect(metrics).toMatchObject({ accuracy: 0.75, n: 4, correct: 3, graded: 2 });
    expect(metrics.ci95?.[0]).toBeCloseTo(0.30064, 4);
    expect(humanMetrics([])).toEqual({ accuracy: null, ci95: null, n: 0, correct: 0, graded: 0 });
  });
});

import { describe, expect, it } from "vitest";
import type { FieldSpec, MatchContext } from "../../src/core/types.js";
import { agreementRate, agreeOnField } from "../../src/scoring/agreement.js";

const ctx: MatchContext = { phoneRegion: "JP", referenceDate: "2026-03-25" };
const phone: FieldSpec = { name: "phone", match: { kind: "phone" } };
const people: FieldSpec = { name: "people", match: { kind: "number", tolerance: 0.5 } };
const date: FieldSpec = { name: "date", match: { kind: "date" } };

const valid = (modelId: string, value: unknown) => ({ modelId, valid: true, value });

describe("agreeOnField", () => {
  it("models agree when they wrote the same number in different ways", () => {
    const result = agreeOnField(
      phone,
      [valid("a", "03-1234-5678"), valid("b", "+81 3 1234 5678"), valid("c", "０３－１２３４－５６７８")],
      ctx,
    );
    expect(result.agreed).toBe(true);
    expect(result.groups).toEqual([
      { key: "+81312345678", canonical: { kind: "value", value: "+81312345678" }, models: ["a", "b", "c"] },
    ]);
    expect(result.invalid).toEqual([]);
  });

  it("an invalid output breaks agreement and stays out of the groups", () => {
    const result = agreeOnField(
      date,
      [valid("a", "明日"), { modelId: "b", valid: false, value: "2026-03-26" }, valid("c", "2026-03-26")],
      ctx,
    );
    expect(result.agreed).toBe(false);
    expect(result.invalid).toEqual(["b"]);
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]?.models).toEqual(["a", "c"]);
  });

  it("splits disagreeing models into camps, largest first", () => {
    const result = agreeOnField(
      date,
      [valid("a", "明後日"), valid("b", "tomorrow"), valid("c", "2026-03-26"), valid("d", null)],
      ctx,
    );
    expect(result.agreed).toBe(false);
    expect(result.groups.map((g) => [g.key, g.models])).toEqual([
      ["2026-03-26", ["b", "c"]],
      ["2026-03-27", ["a"]],
      ["", ["d"]],
    ]);
  });

  it("with a tolerance, checks every pair rather than each value against the first", () => {
    // 10 ≈ 10.4 and 10.4 ≈ 10.8, but 10 and 10.8 differ by more than 0.5.
    const result = agreeOnField(people, [valid("a", 10), valid("b", 10.4), valid("c", 10.8)], ctx);
    expect(result.agreed).toBe(false);
    expect(result.groups.map((g) => g.models)).toEqual([["a", "b"], ["c"]]);
  });

  it("models that all leave a field empty agree", () => {
    expect(agreeOnField(phone, [valid("a", null), valid("b", "")], ctx).agreed).toBe(true);
  });

  it("no models is no agreement", () => {
    expect(agreeOnField(phone, [], ctx)).toEqual({ agreed: false, groups: [], invalid: [] });
  });
});

describe("agreementRate", () => {
  it("is the share of agreed results, and null without results", () => {
    expect(agreementRate([{ agreed: true }, { agreed: false }, { agreed: true }, { agreed: true }])).toBe(
      0.75,
    );
    expect(agreementRate([])).toBeNull();
  });
});

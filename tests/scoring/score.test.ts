import { describe, expect, it } from "vitest";
import type { FieldSpec, MatchContext } from "../../src/core/types.js";
import { getPath } from "../../src/scoring/path.js";
import { scoreField } from "../../src/scoring/score.js";

const ctx: MatchContext = { phoneRegion: "US", referenceDate: "2026-03-25" };
const phone: FieldSpec = { name: "caller.phone", match: { kind: "phone" } };
const date: FieldSpec = { name: "date", match: { kind: "date" } };

describe("scoreField", () => {
  it("an equal value is a correct true positive", () => {
    const outcome = scoreField(phone, "+15550102345", "(555) 010-2345", true, ctx);
    expect(outcome).toEqual({
      field: "caller.phone",
      correct: true,
      outcome: "tp",
      gold: { kind: "value", value: "+15550102345" },
      predicted: { kind: "value", value: "+15550102345" },
    });
  });

  it("a Japanese relative date equal to the gold date is a true positive", () => {
    expect(scoreField(date, "2026-03-26", "明日", true, ctx).outcome).toBe("tp");
  });

  it("no gold value and no prediction is a correct true negative", () => {
    const outcome = scoreField(phone, null, "", true, ctx);
    expect(outcome.outcome).toBe("tn");
    expect(outcome.correct).toBe(true);
  });

  it("a value where gold has none is a false positive", () => {
    const outcome = scoreField(phone, null, "555-010-2345", true, ctx);
    expect(outcome.outcome).toBe("fp");
    expect(outcome.correct).toBe(false);
  });

  it("no value where gold has one is a false negative", () => {
    const outcome = scoreField(phone, "+15550102345", undefined, true, ctx);
    expect(outcome.outcome).toBe("fn");
    expect(outcome.correct).toBe(false);
  });

  it("a different value is wrong", () => {
    const outcome = scoreField(date, "2026-03-26", "明後日", true, ctx);
    expect(outcome.outcome).toBe("wrong");
    expect(outcome.correct).toBe(false);
  });

  it("an unreadable prediction is neither right nor wrong against a gold value: it is unreadable", () => {
    const outcome = scoreField(date, "2026-03-26", "the day after the big game", true, ctx);
    expect(outcome).toMatchObject({ outcome: "unreadable", correct: false, predicted: { kind: "unparsed" } });
  });

  it("an unreadable value where gold has none is still a false positive", () => {
    expect(scoreField(date, null, "the day after the big game", true, ctx).outcome).toBe("fp");
  });

  it("any field of an invalid output is invalid, even one that would match", () => {
    const withGold = scoreField(phone, "+15550102345", "+15550102345", false, ctx);
    expect(withGold.outcome).toBe("invalid");
    expect(withGold.correct).toBe(false);
    expect(scoreField(phone, null, null, false, ctx).outcome).toBe("invalid");
  });
});

describe("getPath", () => {
  const output = { caller: { name: "田中", phone: null }, items: ["a"] };

  it("follows dotted names into nested objects", () => {
    expect(getPath(output, "caller.name")).toBe("田中");
    expect(getPath(output, "caller.phone")).toBeNull();
    expect(getPath(output, "items")).toEqual(["a"]);
  });

  it("gives undefined for a missing step or a step through a non-object", () => {
    expect(getPath(output, "caller.email")).toBeUndefined();
    expect(getPath(output, "caller.name.first")).toBeUndefined();
    expect(getPath(null, "caller")).toBeUndefined();
    expect(getPath("text", "length")).toBeUndefined();
  });

  it("never reads inherited properties", () => {
    expect(getPath({}, "constructor")).toBeUndefined();
    expect(getPath({ a: {} }, "a.toString")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import type { MatchSpec } from "../../src/core/types.js";
import { canonical, read, same } from "./helpers.js";

const tags: MatchSpec = { kind: "set", of: { kind: "text" } };
const phones: MatchSpec = { kind: "set", of: { kind: "phone", region: "JP" } };
const dates: MatchSpec = { kind: "set", of: { kind: "date" } };

describe("set", () => {
  it("ignores order, duplicates and how each element is written", () => {
    expect(read(tags, ["Parking", "booking", "parking."])).toEqual(["booking", "parking"]);
    expect(same(tags, ["b", "A", "a"], ["a", "B"])).toBe(true);
  });

  it("treats a missing or an extra element as a different set", () => {
    expect(same(tags, ["a", "b"], ["a"])).toBe(false);
    expect(same(tags, ["a"], ["a", "c"])).toBe(false);
  });

  it("compares elements with the element matcher", () => {
    expect(
      same(phones, ["03-1234-5678", "+81 90 1234 5678"], ["090-1234-5678", "０３－１２３４－５６７８"]),
    ).toBe(true);
    expect(same(dates, ["明日", "March 30, 2026"], ["2026-03-30", "2026-03-26"])).toBe(true);
  });

  it("reads a lone value as a one-element list", () => {
    expect(same(tags, "Parking", ["parking"])).toBe(true);
  });

  it("drops absent elements, and a list of only absent elements is none", () => {
    expect(read(tags, ["a", null, ""])).toEqual(["a"]);
    expect(canonical(tags, [null, " "])).toEqual({ kind: "none" });
  });

  it("keeps an unreadable element, so it only matches the same oddity", () => {
    expect(same(dates, ["someday"], ["someday"])).toBe(true);
    expect(same(dates, ["someday"], ["2026-03-30"])).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { MatchSpec } from "../../src/core/types.js";
import { canonical, read, same } from "./helpers.js";

const exactNumber: MatchSpec = { kind: "number", tolerance: 0 };
const roughNumber: MatchSpec = { kind: "number", tolerance: 0.5 };

describe("number", () => {
  it("reads numeric strings, thousands separators and signs", () => {
    expect(read(exactNumber, "42")).toBe(42);
    expect(read(exactNumber, "1,200")).toBe(1200);
    expect(read(exactNumber, "-3.5")).toBe(-3.5);
    expect(same(exactNumber, 3, "3")).toBe(true);
  });

  it("reads full-width digits and separators", () => {
    expect(read(exactNumber, "３")).toBe(3);
    expect(read(exactNumber, "１，２００")).toBe(1200);
  });

  it("reads English number words", () => {
    expect(read(exactNumber, "three")).toBe(3);
    expect(read(exactNumber, "Twenty-five")).toBe(25);
    expect(read(exactNumber, "one hundred and five")).toBe(105);
    expect(read(exactNumber, "two thousand three hundred")).toBe(2300);
  });

  it("does not run unrelated number words together", () => {
    expect(canonical(exactNumber, "five twenty").kind).toBe("unparsed");
    expect(canonical(exactNumber, "1,2").kind).toBe("unparsed");
  });

  it("reads kanji numbers", () => {
    expect(read(exactNumber, "三")).toBe(3);
    expect(read(exactNumber, "二十五")).toBe(25);
    expect(read(exactNumber, "千二百")).toBe(1200);
    expect(read(exactNumber, "一万二千")).toBe(12000);
    expect(read(exactNumber, "二〇二六")).toBe(2026);
  });

  it("drops a Japanese counter after the number", () => {
    expect(read(exactNumber, "4人")).toBe(4);
    expect(read(exactNumber, "４名")).toBe(4);
    expect(read(exactNumber, "三個")).toBe(3);
    expect(same(exactNumber, "二十五人", 25)).toBe(true);
  });

  it("counts values within the tolerance as equal, and no further", () => {
    expect(same(roughNumber, 10, "10.5")).toBe(true);
    expect(same(roughNumber, 10, 10.6)).toBe(false);
    expect(same(exactNumber, 10, 10.4)).toBe(false);
  });

  it("keeps text that is no number apart from every number", () => {
    expect(canonical(exactNumber, "several")).toEqual({ kind: "unparsed", raw: "several" });
    expect(same(exactNumber, "several", 3)).toBe(false);
    expect(canonical(exactNumber, Number.NaN).kind).toBe("unparsed");
  });
});

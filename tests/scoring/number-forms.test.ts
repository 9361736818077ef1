// Counts beyond plain digits and words: scales, dozens, "point" and "minus", Japanese booking counts.
import { describe, expect, it } from "vitest";
import type { MatchSpec } from "../../src/core/types.js";
import { canonical, read } from "./helpers.js";

const number: MatchSpec = { kind: "number" };

describe("English scale words, suffixes, point and minus", () => {
  it.each([
    ["10k", 10_000],
    ["1200K", 1_200_000],
    ["2 million", 2_000_000],
    ["5 thousand", 5000],
    ["two point two million", 2_200_000],
    ["thirty-one million two hundred fifty-six thousand", 31_256_000],
    ["a dozen", 12],
    ["two dozen", 24],
    ["200 dozens", 2400],
    ["a pair", 2],
    ["1 point 1", 1.1],
    ["point 77", 0.77],
    ["minus 5", -5],
    ["forty-five (45)", 45],
  ])("reads %s as %s", (written, expected) => {
    expect(read(number, written)).toBe(expected);
  });

  it("does not read scales out of order, stray words, or figures that disagree", () => {
    expect(canonical(number, "3 thousand 2 million").kind).toBe("unparsed");
    expect(canonical(number, "10 kilos").kind).toBe("unparsed");
    expect(canonical(number, "forty-five (46)").kind).toBe("unparsed");
    expect(canonical(number, "point").kind).toBe("unparsed");
    expect(canonical(number, "a few dozen").kind).toBe("unparsed");
  });
});

describe("Japanese booking counts", () => {
  it.each([
    ["3名様", 3],
    ["4人様", 4],
    ["ふたり", 2],
    ["ひとり", 1],
    ["お一人様", 1],
    ["大人2名", 2],
    ["2泊", 2],
    ["2.3万", 23_000],
    ["壱万", 10_000],
  ])("reads %s as %s", (written, expected) => {
    expect(read(number, written)).toBe(expected);
  });

  it("does not read a count it cannot place", () => {
    expect(canonical(number, "数名").kind).toBe("unparsed");
    expect(canonical(number, "大人").kind).toBe("unparsed");
    expect(canonical(number, "2万円くらい").kind).toBe("unparsed");
  });
});

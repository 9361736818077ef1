// Values issue 14 found read to a wrong answer without a word: each is now read right or not at all.
import { describe, expect, it } from "vitest";
import type { MatchContext, MatchSpec } from "../../src/core/types.js";
import { canonical, read } from "./helpers.js";

const at = (referenceDate: string): MatchContext => ({ phoneRegion: "US", referenceDate });
const date: MatchSpec = { kind: "date" };
const time: MatchSpec = { kind: "time" };
const number: MatchSpec = { kind: "number" };

describe("values once read wrong", () => {
  it("reads 1 at night as 01:00 and 12 at night as midnight", () => {
    expect(read(time, "1 at night")).toBe("01:00");
    expect(read(time, "12 at night")).toBe("00:00");
    expect(read(time, "10 at night")).toBe("22:00");
  });

  it("reads 夜の12時 as midnight and 夜中の2時 as 02:00", () => {
    expect(read(time, "夜の12時")).toBe("00:00");
    expect(read(time, "夜中の2時")).toBe("02:00");
    expect(read(time, "夜8時")).toBe("20:00");
  });

  it("leaves a part of the day that does not settle the hour unread", () => {
    expect(canonical(time, "12 in the morning").kind).toBe("unparsed");
    expect(canonical(time, "this evening at 2").kind).toBe("unparsed");
    expect(canonical(time, "this morning at 3pm").kind).toBe("unparsed");
  });

  it("never reads an ISO date followed by more words as the ISO date alone", () => {
    expect(read(date, "2023-12-29 -10days", at("2023-12-29"))).toBe("2023-12-19");
    expect(canonical(date, "2023-12-29 or later").kind).toBe("unparsed");
    expect(read(date, "2023-12-29 10:00")).toBe("2023-12-29");
  });

  it("leaves 零十三 and 零十 unread: a zero never multiplies a unit", () => {
    expect(canonical(number, "零十三").kind).toBe("unparsed");
    expect(canonical(number, "零十").kind).toBe("unparsed");
    expect(read(number, "二〇二六")).toBe(2026);
  });

  it("reads a year-less date just before the call, across New Year, as the one just gone", () => {
    expect(read(date, "December 28", at("2027-01-05"))).toBe("2026-12-28");
    expect(read(date, "12月28日", at("2027-01-05"))).toBe("2026-12-28");
    expect(read(date, "October 1", at("2027-01-05"))).toBe("2027-10-01");
  });
});

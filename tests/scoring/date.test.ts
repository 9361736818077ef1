import { describe, expect, it } from "vitest";
import type { MatchContext, MatchSpec } from "../../src/core/types.js";
import { canonical, read, same } from "./helpers.js";

const date: MatchSpec = { kind: "date" };
// 2026-03-25 is a Wednesday.
const WEDNESDAY: MatchContext = { phoneRegion: "US", referenceDate: "2026-03-25" };
const NO_REFERENCE: MatchContext = { phoneRegion: "US" };
const at = (referenceDate: string): MatchContext => ({ phoneRegion: "US", referenceDate });

describe("English and numeric dates", () => {
  it.each([
    "2026-03-30",
    "2026-03-30T10:00:00Z",
    "03/30/2026",
    "3/30/26",
    "30.03.2026",
    "March 30, 2026",
    "30 March 2026",
    "Mar. 30th, 2026",
    "Monday, March 30, 2026",
    "the 30th of March 2026",
  ])("reads %s as 2026-03-30", (written) => {
    expect(read(date, written, NO_REFERENCE)).toBe("2026-03-30");
  });

  it("a date with no year takes the call's year", () => {
    expect(read(date, "Mar 30", WEDNESDAY)).toBe("2026-03-30");
    expect(read(date, "March 30th", WEDNESDAY)).toBe("2026-03-30");
  });

  it("a date with no year more than two months before the call is next year's", () => {
    expect(read(date, "January 5", at("2026-12-20"))).toBe("2027-01-05");
    expect(read(date, "March 1", at("2026-06-15"))).toBe("2027-03-01");
  });

  it("a date with no year shortly before the call stays in the call's year", () => {
    expect(read(date, "March 1", at("2026-03-30"))).toBe("2026-03-01");
  });

  it("reads today, tomorrow and the day after tomorrow from the call's date", () => {
    expect(read(date, "today", WEDNESDAY)).toBe("2026-03-25");
    expect(read(date, "Tomorrow", WEDNESDAY)).toBe("2026-03-26");
    expect(read(date, "the day after tomorrow", WEDNESDAY)).toBe("2026-03-27");
  });

  it("reads a weekday as the next one after the call", () => {
    expect(read(date, "on Friday", WEDNESDAY)).toBe("2026-03-27");
    expect(read(date, "next Tuesday", WEDNESDAY)).toBe("2026-03-31");
    expect(read(date, "Wednesday", WEDNESDAY)).toBe("2026-04-01");
    expect(read(date, "Friday next week", WEDNESDAY)).toBe("2026-04-03");
  });

  it("leaves relative and yearless dates unread when the call's date is unknown", () => {
    expect(canonical(date, "tomorrow", NO_REFERENCE)).toEqual({ kind: "unparsed", raw: "tomorrow" });
    expect(canonical(date, "March 30", NO_REFERENCE).kind).toBe("unparsed");
    expect(canonical(date, "March 30", at("2026-13-01")).kind).toBe("unparsed");
  });

  it("rejects dates that do not exist", () => {
    expect(canonical(date, "2026-02-30").kind).toBe("unparsed");
    expect(canonical(date, "February 30, 2026").kind).toBe("unparsed");
    expect(canonical(date, "13/13/2026").kind).toBe("unparsed");
  });

  it("matches the same day written two ways, and not the next day", () => {
    expect(same(date, "2026-03-26", "tomorrow", WEDNESDAY)).toBe(true);
    expect(same(date, "2026-03-27", "tomorrow", WEDNESDAY)).toBe(false);
  });
});

describe("Japanese dates", () => {
  it.each([
    "2026年3月30日",
    "２０２６年３月３０日",
    "令和8年3月30日",
    "㋿8年3月30日",
    "2026年3月30日(月)",
    "2026年3月30日 月曜日",
    "二〇二六年三月三十日",
  ])("reads %s as 2026-03-30", (written) => {
    expect(read(date, written, NO_REFERENCE)).toBe("2026-03-30");
  });

  it("reads the first year of Reiwa, 令和元年, as 2019", () => {
    expect(read(date, "令和元年5月1日", NO_REFERENCE)).toBe("2019-05-01");
    expect(read(date, "平成31年4月30日", NO_REFERENCE)).toBe("2019-04-30");
  });

  it("a Japanese date with no year takes the call's year", () => {
    expect(read(date, "3月30日", WEDNESDAY)).toBe("2026-03-30");
    expect(read(date, "３月３０日", WEDNESDAY)).toBe("2026-03-30");
    expect(read(date, "三月三十日に", WEDNESDAY)).toBe("2026-03-30");
  });

  it("a Japanese date with no year long before the call is next year's", () => {
    expect(read(date, "1月5日", at("2026-12-20"))).toBe("2027-01-05");
  });

  it("reads 今日, 明日 and 明後日 from the call's date", () => {
    expect(read(date, "今日", WEDNESDAY)).toBe("2026-03-25");
    expect(read(date, "明日", WEDNESDAY)).toBe("2026-03-26");
    expect(read(date, "明後日", WEDNESDAY)).toBe("2026-03-27");
  });

  it("reads a weekday as the next one, and 来週 as next week's", () => {
    expect(read(date, "金曜日", WEDNESDAY)).toBe("2026-03-27");
    expect(read(date, "来週の金曜日", WEDNESDAY)).toBe("2026-04-03");
    expect(read(date, "今週の月曜", WEDNESDAY)).toBe("2026-03-23");
  });

  it("leaves 明日 unread when the call's date is unknown", () => {
    expect(canonical(date, "明日", NO_REFERENCE)).toEqual({ kind: "unparsed", raw: "明日" });
  });

  it("matches a Japanese date against the ISO date of the same day", () => {
    expect(same(date, "2026-03-26", "明日", WEDNESDAY)).toBe(true);
    expect(same(date, "令和8年3月30日", "March 30, 2026", WEDNESDAY)).toBe(true);
  });
});

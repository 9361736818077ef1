// Date forms models and people write beyond the plain ones: counts of days, weekday prefixes, ordinals, particles.
import { describe, expect, it } from "vitest";
import type { MatchContext, MatchSpec } from "../../src/core/types.js";
import { canonical, read } from "./helpers.js";

const date: MatchSpec = { kind: "date" };
// 2013-02-12 is a Tuesday.
const TUESDAY: MatchContext = { phoneRegion: "US", referenceDate: "2013-02-12" };
const NO_REFERENCE: MatchContext = { phoneRegion: "US" };

describe("relative day counts", () => {
  it.each([
    ["in 5 days", "2013-02-17"],
    ["in five days", "2013-02-17"],
    ["in a week", "2013-02-19"],
    ["3 days ago", "2013-02-09"],
    ["2 weeks from now", "2013-02-26"],
    ["three months hence", "2013-05-12"],
    ["2 days after tomorrow", "2013-02-15"],
    ["the day before yesterday", "2013-02-10"],
    ["3 fridays from now", "2013-03-01"],
    ["2 thursdays ago", "2013-01-31"],
  ])("reads %s", (written, expected) => {
    expect(read(date, written, TUESDAY)).toBe(expected);
  });

  it("does not read a count without a direction, or a mixed one", () => {
    expect(canonical(date, "5 days", TUESDAY).kind).toBe("unparsed");
    expect(canonical(date, "in 5 days ago", TUESDAY).kind).toBe("unparsed");
    expect(canonical(date, "in 0 days", TUESDAY).kind).toBe("unparsed");
    expect(canonical(date, "in 5 days", NO_REFERENCE).kind).toBe("unparsed");
  });
});

describe("weekday-prefixed and day-first written dates", () => {
  it.each([
    ["Sun, March 6, 2016", "2016-03-06"],
    ["Sun., Mar. 6, 2016", "2016-03-06"],
    ["Tuesday 11/3/2015", "2015-11-03"],
    ["09-JAN-2017", "2017-01-09"],
    ["10/August/2012", "2012-08-10"],
    ["August-10-2012", "2012-08-10"],
    ["2012/Aug/10", "2012-08-10"],
    ["2018 March 18", "2018-03-18"],
    ["25/05/2015", "2015-05-25"],
    ["05.25.2015", "2015-05-25"],
  ])("reads %s", (written, expected) => {
    expect(read(date, written, NO_REFERENCE)).toBe(expected);
  });

  it("leaves a date whose weekday contradicts it, or a year between month and day, unread", () => {
    expect(canonical(date, "Monday, March 6, 2016", NO_REFERENCE).kind).toBe("unparsed");
    expect(canonical(date, "March 2016 6", NO_REFERENCE).kind).toBe("unparsed");
    expect(canonical(date, "March 5 6", TUESDAY).kind).toBe("unparsed");
  });
});

describe("ordinal and spoken days", () => {
  it.each([
    ["the first of march", "2013-03-01"],
    ["march first", "2013-03-01"],
    ["february the 15th", "2013-02-15"],
    ["march twenty-first", "2013-03-21"],
    ["on the 15th", "2013-02-15"],
    ["the 1st", "2013-03-01"],
    ["20th of next month", "2013-03-20"],
    ["wednesday of next week", "2013-02-20"],
  ])("reads %s", (written, expected) => {
    expect(read(date, written, TUESDAY)).toBe(expected);
  });

  it("does not read an ordinal past 31 or a bare number as a day", () => {
    expect(canonical(date, "the 32nd", TUESDAY).kind).toBe("unparsed");
    expect(canonical(date, "15", TUESDAY).kind).toBe("unparsed");
  });
});

describe("Japanese dates with particles and counts", () => {
  it.each([
    ["2021/3/25に", "2021-03-25"],
    ["03/25に", "2013-03-25"],
    ["2012/8/27(水)", "2012-08-27"],
    ["5/5(金)", "2013-05-05"],
    ["25日は", "2013-02-25"],
    ["火は", "2013-02-19"],
    ["(木)に", "2013-02-14"],
    ["かようび", "2013-02-19"],
    ["今夜", "2013-02-12"],
    ["1週間後", "2013-02-19"],
    ["2ヶ月後", "2013-04-12"],
    ["3日前", "2013-02-09"],
  ])("reads %s", (written, expected) => {
    expect(read(date, written, TUESDAY)).toBe(expected);
  });

  it("does not read a lone weekday kanji, or a day of the month that does not exist", () => {
    expect(canonical(date, "火", TUESDAY).kind).toBe("unparsed");
    expect(canonical(date, "32日に", TUESDAY).kind).toBe("unparsed");
  });
});

// Time forms beyond "5:30 pm": hour words, a part of the day before "at", offsets from an hour, Japanese AM/PM.
import { describe, expect, it } from "vitest";
import type { MatchSpec } from "../../src/core/types.js";
import { canonical, read } from "./helpers.js";

const time: MatchSpec = { kind: "time" };

describe("hour words and a part of the day", () => {
  it.each([
    ["seven thirty p.m.", "19:30"],
    ["nine fifty nine a m", "09:59"],
    ["ten oh five am", "10:05"],
    ["eight tonight", "20:00"],
    ["this afternoon at 3", "15:00"],
    ["tonight at 8 o'clock", "20:00"],
    ["in the evening at eight", "20:00"],
    ["this morning @ 10", "10:00"],
    ["3 o'clock in the afternoon", "15:00"],
    ["330 p.m.", "15:30"],
    ["15h20", "15:20"],
    ["3ish pm", "15:00"],
  ])("reads %s as %s", (written, expected) => {
    expect(read(time, written)).toBe(expected);
  });

  it("does not read hour words without am, pm or a part of the day", () => {
    expect(canonical(time, "seven thirty").kind).toBe("unparsed");
    expect(canonical(time, "seven five pm").kind).toBe("unparsed");
    expect(canonical(time, "330").kind).toBe("unparsed");
    expect(canonical(time, "in 15").kind).toBe("unparsed");
  });
});

describe("minutes from an hour", () => {
  it.each([
    ["a quarter past 3pm", "15:15"],
    ["twenty after 3pm", "15:20"],
    ["15 minutes past noon", "12:15"],
    ["15 to noon", "11:45"],
    ["a quarter past 3 in the afternoon", "15:15"],
  ])("reads %s as %s", (written, expected) => {
    expect(read(time, written)).toBe(expected);
  });

  it("does not read an offset from an unsettled hour or past 59 minutes", () => {
    expect(canonical(time, "quarter past 3").kind).toBe("unparsed");
    expect(canonical(time, "75 minutes past 3pm").kind).toBe("unparsed");
  });
});

describe("Japanese clock forms", () => {
  it.each([
    ["午後2:10", "14:10"],
    ["PM2:10", "14:10"],
    ["午前3:20", "03:20"],
    ["15時20分で", "15:20"],
    ["午後3時ちょうど", "15:00"],
    ["昼12時", "12:00"],
  ])("reads %s as %s", (written, expected) => {
    expect(read(time, written)).toBe(expected);
  });

  it("does not read a contradiction or a morning hour past noon", () => {
    expect(canonical(time, "午前15:00").kind).toBe("unparsed");
    expect(canonical(time, "朝12時").kind).toBe("unparsed");
  });
});

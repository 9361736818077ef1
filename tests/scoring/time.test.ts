import { describe, expect, it } from "vitest";
import type { MatchSpec } from "../../src/core/types.js";
import { canonical, read, same } from "./helpers.js";

const time: MatchSpec = { kind: "time" };

describe("English times", () => {
  it.each([
    ["17:30", "17:30"],
    ["5:30 pm", "17:30"],
    ["5:30PM", "17:30"],
    ["5:30 p.m.", "17:30"],
    ["5 pm", "17:00"],
    ["5pm", "17:00"],
    ["9am", "09:00"],
    ["12:15 am", "00:15"],
    ["12 pm", "12:00"],
    ["noon", "12:00"],
    ["midnight", "00:00"],
    ["around 5pm", "17:00"],
    ["half past five in the afternoon", "17:30"],
    ["quarter to 6 pm", "17:45"],
    ["5 in the evening", "17:00"],
    ["17:30:00", "17:30"],
    ["2026-03-30T17:30:00", "17:30"],
  ])("reads %s as %s", (written, expected) => {
    expect(read(time, written)).toBe(expected);
  });

  it("does not read a bare number or an impossible time as a time", () => {
    expect(canonical(time, "5").kind).toBe("unparsed");
    expect(canonical(time, "25:00").kind).toBe("unparsed");
    expect(canonical(time, "17:30 am").kind).toBe("unparsed");
    expect(canonical(time, "5:75 pm").kind).toBe("unparsed");
  });
});

describe("Japanese times", () => {
  it.each([
    ["17時30分", "17:30"],
    ["17時半", "17:30"],
    ["午後5時半", "17:30"],
    ["午後5時", "17:00"],
    ["午前10時15分", "10:15"],
    ["夕方5時", "17:00"],
    ["夜8時", "20:00"],
    ["午後五時半", "17:30"],
    ["１７時３０分", "17:30"],
    ["１７：３０", "17:30"],
    ["午前0時", "00:00"],
    ["正午", "12:00"],
    ["5時頃", "05:00"],
  ])("reads %s as %s", (written, expected) => {
    expect(read(time, written)).toBe(expected);
  });

  it("does not read an impossible hour or minute", () => {
    expect(canonical(time, "25時").kind).toBe("unparsed");
    expect(canonical(time, "5時61分").kind).toBe("unparsed");
  });
});

describe("time matching", () => {
  it("matches the same time written in English and Japanese, and not the next half hour", () => {
    expect(same(time, "5:30 pm", "午後5時半")).toBe(true);
    expect(same(time, "5:30 pm", "18:00")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { paint, type Span, supportSpans } from "../../../src/review/tui/highlight.js";

const marked = (text: string, spans: Span[]) => spans.map(([s, e]) => text.slice(s, e));

describe("words that support a value", () => {
  it("a phone matches by its digits whatever the separators", () => {
    const text = "my number is 555-010-2345, or (555) 010 2345";
    expect(marked(text, supportSpans(text, "5550102345", { kind: "phone" }))).toEqual([
      "555-010-2345",
      "555) 010 2345",
    ]);
  });

  it("an E.164 value matches the national form, also in full-width digits with Japanese dashes", () => {
    const us = "call 555.010.2345 please";
    expect(marked(us, supportSpans(us, "+15550102345", { kind: "phone" }))).toEqual(["555.010.2345"]);
    const jp = "電話番号は０３ー１２３４ー５６７８です";
    expect(marked(jp, supportSpans(jp, "+81312345678", { kind: "phone" }))).toEqual([
      "０３ー１２３４ー５６７８",
    ]);
  });

  it("a phone never matches digits far apart or a different number", () => {
    const text = "room 555 on floor 010, code 2345";
    expect(supportSpans(text, "5550102345", { kind: "phone" })).toEqual([]);
    expect(supportSpans("555-010-2354", "5550102345", { kind: "phone" })).toEqual([]);
  });

  it("Japanese text matches by runs of kanji and katakana", () => {
    const text = "明日の予約をキャンセルしたいです";
    expect(marked(text, supportSpans(text, "予約のキャンセル", { kind: "text" }))).toEqual([
      "予約",
      "キャンセル",
    ]);
  });

  it("text and enum match whole normalised words, never inside a longer word", () => {
    const text = "I want to CANCEL, not cancellation fees.";
    expect(marked(text, supportSpans(text, "cancel", { kind: "enum" }))).toEqual(["CANCEL"]);
    const full = "ＲＥＳＣＨＥＤＵＬＥ please";
    expect(marked(full, supportSpans(full, "reschedule", { kind: "text" }))).toEqual([
      "ＲＥＳＣＨＥＤＵＬＥ",
    ]);
  });

  it("numbers match as digits, English words and kanji", () => {
    const text = "a table for four, 4 people, 四人 — not forty";
    expect(marked(text, supportSpans(text, 4, { kind: "number" }))).toEqual(["four", "4", "四"]);
    const twenty = "twenty five guests, or 25";
    expect(marked(twenty, supportSpans(twenty, "25", { kind: "number" }))).toEqual(["twenty five", "25"]);
  });

  it("dates match their day, year and month tokens, times their hour and minute", () => {
    const text = "on March 30, that's 3/30/2026, the 30th";
    expect(marked(text, supportSpans(text, "2026-03-30", { kind: "date" }))).toEqual([
      "March",
      "30",
      "3",
      "30",
      "2026",
      "30",
    ]);
    const jp = "３月３０日の午後５時半";
    expect(marked(jp, supportSpans(jp, "2026-03-30", { kind: "date" }))).toEqual(["３", "３０"]);
    const jpTime = "午後５時半に";
    expect(marked(jpTime, supportSpans(jpTime, "17:30", { kind: "time" }))).toEqual(["５", "半"]);
    const en = "around 5:30 in the evening";
    expect(marked(en, supportSpans(en, "17:30", { kind: "time" }))).toEqual(["5", "30"]);
  });

  it("no value, booleans and unreadable values mark nothing or their words", () => {
    expect(supportSpans("yes please", null, { kind: "text" })).toEqual([]);
    expect(supportSpans("yes please", true, { kind: "boolean" })).toEqual([]);
    expect(marked("next friday", supportSpans("next friday", "friday", { kind: "date" }))).toEqual([
      "friday",
    ]);
  });

  it("sets mark every element", () => {
    const text = "delivery and pickup";
    expect(
      marked(text, supportSpans(text, ["pickup", "delivery"], { kind: "set", of: { kind: "enum" } })),
    ).toEqual(["delivery", "pickup"]);
  });
});

describe("painting segments", () => {
  it("cuts the line where spans begin and end, listing the models behind each piece", () => {
    expect(
      paint("call 555 now", [
        [[5, 8]],
        [
          [0, 4],
          [5, 8],
        ],
      ]),
    ).toEqual([
      { text: "call", models: [1] },
      { text: " ", models: [] },
      { text: "555", models: [0, 1] },
      { text: " now", models: [] },
    ]);
    expect(paint("plain", [[], []])).toEqual([{ text: "plain", models: [] }]);
  });
});

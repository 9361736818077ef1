// Wrapping and cutting by terminal columns: CJK characters are two wide and never cut in half.
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { fitText, truncateText, visibleWindow, wrapText } from "../../../src/review/tui/wrap.js";

const JA = "日曜日、3月29日のランチですね。お時間はいかがいたしましょう。";

describe("wrapping by display width", () => {
  it("English breaks at spaces, each row within the width, the spaces at a break dropped", () => {
    const rows = wrapText("I'd like a table for four on March 30, my number is 555-010-2345.", 20);
    expect(rows).toEqual(["I'd like a table for", "four on March 30, my", "number is", "555-010-2345."]);
  });

  it("Japanese breaks between characters by columns (two each), and loses none", () => {
    const rows = wrapText(JA, 16);
    for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(16);
    expect(rows.join("")).toBe(JA);
    expect(rows[0]).toBe("日曜日、3月29日");
  });

  it("a width that would split a wide character leaves it whole on the next row", () => {
    const rows = wrapText("あいうえお", 5);
    expect(rows).toEqual(["あい", "うえ", "お"]);
  });

  it("closing marks never start a row (。 stays with the word before it)", () => {
    const rows = wrapText("ありがとうございます。", 10);
    expect(rows.every((row) => !row.startsWith("。"))).toBe(true);
    expect(rows.join("")).toBe("ありがとうございます。");
  });

  it("a word wider than a row is cut inside it, and an empty text is one empty row", () => {
    expect(wrapText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    expect(wrapText("", 10)).toEqual([""]);
  });

  it("mixed Latin and Japanese text keeps every character in order", () => {
    const text = "岡田様、090-2345-6789ですね。お待ちしております。";
    for (const width of [8, 11, 20, 33]) {
      const rows = wrapText(text, width);
      for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(width);
      expect(rows.join("")).toBe(text);
    }
  });
});

describe("cutting to a column width", () => {
  it("cuts at a whole character and marks the cut with …", () => {
    expect(truncateText("Per the caller, cough for about a week.", 14)).toBe("Per the calle…");
    expect(truncateText("電話番号", 6)).toBe("電話…");
    expect(truncateText("電話番号", 5)).toBe("電話…");
    expect(truncateText("電話番号", 8)).toBe("電話番号");
  });

  it("fitText pads to exactly the width, counting wide characters twice", () => {
    expect(fitText("電話", 6)).toBe("電話  ");
    expect(stringWidth(fitText("電話番号です", 7))).toBe(7);
  });

  it("the editor's window keeps the cursor in view", () => {
    const chars = [..."0123456789"];
    expect(visibleWindow(chars, 10, 5)).toEqual([6, 10]);
    expect(visibleWindow(chars, 0, 5)).toEqual([0, 5]);
    expect(visibleWindow([..."あいうえお"], 5, 5)).toEqual([3, 5]);
  });
});

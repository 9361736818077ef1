import { describe, expect, it } from "vitest";
import { reduce } from "../../../src/review/tui/state.js";
import { structuredCase } from "./fixtures.js";
import { press, start } from "./reduce-helpers.js";

// Field 0 is a phone, 1 a date (with gold), 2 a number.
const typing = (text: string) => [...text];

describe("the line editor (e, g, n)", () => {
  it("e → typed date → Enter grades the canonical date", () => {
    const { state, effects } = press(start(), "<down>", "e", ...typing("March 30"), "<enter>");
    expect(effects).toEqual([
      {
        type: "grade",
        caseId: "call-1",
        input: { itemId: 2, verdict: { kind: "edit", value: "2026-03-30" } },
      },
    ]);
    // The editor stays open until the session has written the grade.
    expect(state.mode).toBe("edit");
  });

  it("a value that does not fit the type stays in the editor with the reason", () => {
    const date = press(start(), "<down>", "e", ...typing("someday"), "<enter>");
    expect(date.effects).toEqual([]);
    expect(date.state.mode).toBe("edit");
    expect(date.state.editor.text).toBe("someday");
    expect(date.state.status).toEqual({
      tone: "error",
      text: "invalid: not a date: write YYYY-MM-DD, 3/30, March 30…",
    });
    const number = press(start(), "<down>", "<down>", "e", ...typing("lots"), "<enter>");
    expect(number.state.status?.text).toBe("invalid: not a number: write 42, 3.5, twelve");
    const phone = press(start(), "e", ...typing("call me"), "<enter>");
    expect(phone.state.status?.text).toMatch(/^invalid: not a phone number/);
  });

  it("a relative date is read against the call's date from the case meta", () => {
    const { effects } = press(start(), "<down>", "e", ...typing("day after tomorrow"), "<enter>");
    expect(effects[0]).toMatchObject({ input: { verdict: { kind: "edit", value: "2026-03-30" } } });
  });

  it("empty or null means null", () => {
    expect(press(start(), "e", "<enter>").effects[0]).toMatchObject({ input: { verdict: { value: null } } });
    expect(press(start(), "e", ...typing("null"), "<enter>").effects[0]).toMatchObject({
      input: { verdict: { value: null } },
    });
  });

  it("Esc cancels: back to grading, nothing written", () => {
    for (const key of ["e", "n"]) {
      const { state, effects } = press(start(), key, ...typing("abc"), "<esc>");
      expect(effects).toEqual([]);
      expect(state.mode).toBe("grade");
      expect(state.editor.text).toBe("");
      expect(state.status?.text).toMatch(/cancelled: nothing saved/);
    }
  });

  it("Backspace, ←/→, Home/End and Ctrl+U edit the line", () => {
    const s = press(start(), "n", ...typing("helo"), "<left>", "l").state;
    expect(s.editor).toEqual({ text: "hello", cursor: 4 });
    expect(press(s, "<bs>").state.editor).toEqual({ text: "helo", cursor: 3 });
    expect(press(s, "<home>", "<bs>").state.editor).toEqual({ text: "hello", cursor: 0 });
    expect(press(s, "<home>", "<right>", "X").state.editor.text).toBe("hXello");
    expect(press(s, "<end>", "!").state.editor.text).toBe("hello!");
    expect(press(s, "<c-u>").state.editor).toEqual({ text: "", cursor: 0 });
  });

  it("letters that are keys elsewhere are typed here", () => {
    const s = press(start(), "n", ...typing("quxgsb?kj12")).state;
    expect(s.editor.text).toBe("quxgsb?kj12");
    expect(s.mode).toBe("note");
  });

  it("pasted escapes and line breaks never reach the buffer", () => {
    const s = reduce(press(start(), "n").state, {
      type: "key",
      press: { text: "a\u001b[31mred\u001b[0m\r\nline\u202e" },
    }).state;
    expect(s.editor.text).toBe("ared line");
  });

  it("g → Enter stores a gold correction with the previous gold", () => {
    const { effects } = press(start(), "<down>", "g", "<bs>", "1", "<enter>");
    expect(effects).toEqual([
      {
        type: "grade",
        caseId: "call-1",
        input: { itemId: 2, verdict: { kind: "gold", value: "2026-03-31", previousGold: "2026-03-30" } },
      },
    ]);
  });

  it("an invalid gold correction stays in the gold editor", () => {
    const { state, effects } = press(start(), "<down>", "g", "<c-u>", ...typing("soon"), "<enter>");
    expect(effects).toEqual([]);
    expect(state.mode).toBe("gold-edit");
    expect(state.status?.tone).toBe("error");
  });

  it("n → text → Enter saves a note on the selected field; an empty note saves nothing", () => {
    expect(press(start(), "<down>", "n", ...typing("  caller unsure  "), "<enter>").effects).toEqual([
      { type: "note", itemId: 2, text: "caller unsure" },
    ]);
    const empty = press(start(), "n", " ", "<enter>");
    expect(empty.effects).toEqual([]);
    expect(empty.state.mode).toBe("grade");
  });

  it("text fields keep what was typed; numbers are stored as numbers", () => {
    const c = structuredCase();
    const { effects } = press(start(c), "<down>", "<down>", "e", ...typing("twelve"), "<enter>");
    expect(effects[0]).toMatchObject({ input: { verdict: { kind: "edit", value: 12 } } });
  });
});

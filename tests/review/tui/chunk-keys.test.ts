// A chunk of input is the keys in it, in order: what a paste or a slow link delivers to Ink at once.
import { describe, expect, it } from "vitest";
import { eraseWord } from "../../../src/review/tui/editor.js";
import { splitChunk } from "../../../src/review/tui/keys.js";
import { press, start } from "./reduce-helpers.js";

describe("splitting a chunk into keys", () => {
  it("control characters are their keys; the text between them stays one piece", () => {
    expect(splitChunk("99\u00155")).toEqual([{ text: "99" }, { name: "<c-u>" }, { text: "5" }]);
    expect(splitChunk("123\u007f\u007f5")).toEqual([
      { text: "123" },
      { name: "<bs>" },
      { name: "<bs>" },
      { text: "5" },
    ]);
    expect(splitChunk("a b\u0017\b\r")).toEqual([
      { text: "a b" },
      { name: "<c-w>" },
      { name: "<bs>" },
      { name: "<enter>" },
    ]);
  });

  it("a tab stays in pasted text; NUL and other stray control bytes go", () => {
    expect(splitChunk("a\tb\u0000c\u001c")).toEqual([{ text: "a\tb" }, { text: "c" }]);
  });
});

describe("the line editor, key by key", () => {
  it("Ctrl+W deletes the word before the cursor and the spaces after it", () => {
    expect(eraseWord({ text: "call back  ", cursor: 11 })).toEqual({ text: "call ", cursor: 5 });
    expect(eraseWord({ text: "one two", cursor: 3 })).toEqual({ text: " two", cursor: 0 });
    expect(eraseWord({ text: "", cursor: 0 })).toEqual({ text: "", cursor: 0 });
  });

  it("the keys of 99, Ctrl+U, 5 and of 123, Backspace, Backspace, 5 leave 5 and 15", () => {
    const editing = press(start(), "n").state;
    const keys = (chunk: string) => splitChunk(chunk).map((p) => p.name ?? p.text);
    expect(press(editing, ...keys("99\u00155")).state.editor.text).toBe("5");
    expect(press(editing, ...keys("123\u007f\u007f5")).state.editor.text).toBe("15");
  });
});

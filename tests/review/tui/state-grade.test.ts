import { describe, expect, it } from "vitest";
import { transcriptWindow } from "../../../src/review/tui/layout.js";
import { reduce } from "../../../src/review/tui/state.js";
import { freeTextCase, gradedAt, structuredCase } from "./fixtures.js";
import { press, start } from "./reduce-helpers.js";

describe("grading keys", () => {
  it("a loaded case selects its first ungraded field", () => {
    expect(start(gradedAt(structuredCase(), 0, { kind: "none" })).field).toBe(1);
  });

  it("1..9 pick that column's model value for the selected field", () => {
    const { effects } = press(start(), "2");
    expect(effects).toEqual([
      {
        type: "grade",
        caseId: "call-1",
        input: { itemId: 1, verdict: { kind: "pick", modelId: "claude", value: "+15550102345" } },
      },
    ]);
  });

  it("every digit 1..9 is a pick, and a column past the last model says so and writes nothing", () => {
    for (const digit of ["1", "2", "3"]) expect(press(start(), digit).effects).toHaveLength(1);
    for (const digit of ["4", "5", "6", "7", "8", "9"]) {
      const { state, effects } = press(start(), digit);
      expect(effects).toEqual([]);
      expect(state.status).toEqual({ tone: "error", text: `no model ${digit}: this case has 3` });
    }
  });

  it("picking a model that gave no answer for the field writes nothing", () => {
    const { state, effects } = press(start(), "<down>", "<down>", "3");
    expect(effects).toEqual([]);
    expect(state.status?.text).toBe("model 3 gave no answer for party_size");
  });

  it("x grades none-is-right", () => {
    expect(press(start(), "x").effects).toEqual([
      { type: "grade", caseId: "call-1", input: { itemId: 1, verdict: { kind: "none" } } },
    ]);
  });

  it("e opens an empty editor, g one holding the gold, n an empty note", () => {
    expect(press(start(), "e").state).toMatchObject({ mode: "edit", editor: { text: "", cursor: 0 } });
    expect(press(start(), "<down>", "g").state).toMatchObject({
      mode: "gold-edit",
      editor: { text: "2026-03-30", cursor: 10 },
    });
    expect(press(start(), "n").state).toMatchObject({ mode: "note", editor: { text: "" } });
  });

  it("g on a field without gold explains and stays in grading", () => {
    const { state } = press(start(), "g");
    expect(state.mode).toBe("grade");
    expect(state.status?.text).toMatch(/no gold label/);
  });

  it("s skips the case and asks for the next", () => {
    const { state, effects } = press(start(), "s");
    expect(effects).toEqual([{ type: "skip", caseId: "call-1" }, { type: "next" }]);
    expect(state.status?.text).toBe("skipped");
  });

  it("u asks the session to undo", () => {
    expect(press(start(), "u").effects).toEqual([{ type: "undo" }]);
  });

  it("↑/↓ and Tab/Shift+Tab move over the fields in dispute, wrapping", () => {
    expect(press(start(), "<down>").state.field).toBe(1);
    expect(press(start(), "<tab>", "<tab>").state.field).toBe(2);
    expect(press(start(), "<tab>", "<tab>", "<tab>").state.field).toBe(0);
    expect(press(start(), "<up>").state.field).toBe(2);
    expect(press(start(), "<s-tab>").state.field).toBe(2);
  });

  it("j/k scroll the transcript a row and PgDn/PgUp a page; the last row ends the window", () => {
    const long = structuredCase();
    long.transcript = Array.from({ length: 60 }, (_, i) => ({ speaker: "caller", text: `line ${i}` }));
    const s = start(long, 30);
    expect(press(s, "j", "j").state.scroll).toBe(2);
    expect(press(s, "j", "k").state.scroll).toBe(0);
    expect(press(s, "k").state.scroll).toBe(0);
    const page = press(s, "<pgdn>").state.scroll;
    expect(page).toBeGreaterThan(2);
    expect(press(s, "<pgdn>", "<pgup>").state.scroll).toBe(0);
    expect(press(s, ...Array(20).fill("<pgdn>")).state.scroll).toBe(60 - transcriptWindow(s));
  });

  it("b shows and hides the knowledge-base excerpt", () => {
    expect(press(start(), "b").state.showKb).toBe(true);
    expect(press(start(), "b", "b").state.showKb).toBe(false);
  });

  it("? opens help, and any key goes back to where it was", () => {
    const help = press(start(), "?").state;
    expect(help.mode).toBe("help");
    for (const key of ["q", "<esc>", "?", "<enter>", "x", "<c-u>"]) {
      const back = press(help, key);
      expect(back.state.mode).toBe("grade");
      expect(back.effects).toEqual([]);
    }
  });

  it("q and Ctrl+C quit", () => {
    expect(press(start(), "q").effects).toEqual([{ type: "quit" }]);
    expect(press(start(), "<c-c>").effects).toEqual([{ type: "quit" }]);
  });

  it("an unbound key says so and points at help", () => {
    const { state, effects } = press(start(), "z");
    expect(effects).toEqual([]);
    expect(state.status?.text).toBe("z: no such key here (? shows every key)");
  });

  it("a paste while grading does nothing", () => {
    const { state, effects } = reduce(start(), { type: "key", press: { text: "12" } });
    expect(effects).toEqual([]);
    expect(state.field).toBe(0);
  });

  it("on a free-text field a digit 1..5 starts rating the first answer; Enter and r start rating", () => {
    const rated = press(start(freeTextCase()), "4").state;
    expect(rated.mode).toBe("rate");
    expect(rated.rating).toEqual({ row: 1, drafts: [{ score: 4 }, {}] });
    expect(press(start(freeTextCase()), "<enter>").state.mode).toBe("rate");
    expect(press(start(freeTextCase()), "r").state.mode).toBe("rate");
    expect(press(start(), "r").state.mode).toBe("grade");
  });
});

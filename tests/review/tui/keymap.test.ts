import type { Key } from "ink";
import { describe, expect, it } from "vitest";
import { type FieldKind, KEYMAP, lookup, type Mode } from "../../../src/review/tui/keymap.js";
import { toKeypress } from "../../../src/review/tui/keys.js";
import { press } from "./fixtures.js";

const MODES: Mode[] = ["grade", "rate", "edit", "gold-edit", "note", "help"];
const KINDS: (FieldKind | undefined)[] = ["structured", "free-text", undefined];

function inkKey(flags: Partial<Key> = {}): Key {
  return {
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    ctrl: false,
    shift: false,
    tab: false,
    backspace: false,
    delete: false,
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
    ...flags,
  };
}

describe("keymap table", () => {
  it("every key of every binding reaches that binding in each of its modes", () => {
    for (const binding of KEYMAP) {
      for (const mode of binding.modes) {
        for (const key of binding.keys) {
          const sample = key === "<text>" ? "z" : key === "<any-key>" ? "<home>" : key;
          expect(lookup(mode, binding.field ?? "structured", press(sample)), `${mode} ${key}`).toBe(binding);
        }
      }
    }
  });

  it("no key means two things in the same mode and field kind", () => {
    for (const mode of MODES) {
      for (const kind of KINDS) {
        const seen = new Map<string, string>();
        for (const b of KEYMAP.filter((b) => b.modes.includes(mode) && (!b.field || b.field === kind))) {
          for (const key of b.keys) {
            expect(
              seen.get(key),
              `${mode}/${kind}: ${key} is "${seen.get(key)}" and "${b.help}"`,
            ).toBeUndefined();
            seen.set(key, b.help);
          }
        }
      }
    }
  });

  it("the transcript scrolls with j/k and the knowledge base toggles with b, so k is never two things", () => {
    expect(lookup("grade", "structured", press("k"))?.intent(press("k"))).toEqual({ type: "scroll", by: -1 });
    expect(lookup("grade", "structured", press("j"))?.intent(press("j"))).toEqual({ type: "scroll", by: 1 });
    expect(lookup("grade", "structured", press("b"))?.intent(press("b"))).toEqual({ type: "toggle-kb" });
  });

  it("digits pick a model on structured fields and rate on free-text fields; 6..9 do nothing on free text", () => {
    expect(lookup("grade", "structured", press("7"))?.intent(press("7"))).toEqual({ type: "pick", index: 6 });
    expect(lookup("grade", "free-text", press("4"))?.intent(press("4"))).toEqual({ type: "rate", score: 4 });
    expect(lookup("grade", "free-text", press("7"))).toBeUndefined();
  });

  it("in the line editor letters are text, not commands, and a paste never runs a key", () => {
    for (const mode of ["edit", "gold-edit", "note"] as const) {
      for (const letter of ["q", "u", "x", "?", "1", "k"]) {
        expect(lookup(mode, "structured", press(letter))?.intent(press(letter))).toEqual({
          type: "insert",
          text: letter,
        });
      }
    }
    expect(lookup("grade", "structured", { text: "qq" })).toBeUndefined();
    expect(lookup("edit", "structured", { text: "<up>" })?.intent({ text: "<up>" })).toEqual({
      type: "insert",
      text: "<up>",
    });
  });

  it("Ctrl+C quits from every mode", () => {
    for (const mode of MODES)
      expect(lookup(mode, "structured", press("<c-c>"))?.intent(press("<c-c>"))).toEqual({ type: "quit" });
  });
});

describe("Ink key presses", () => {
  it("map to the keymap's names", () => {
    expect(toKeypress("", inkKey({ upArrow: true }))).toEqual({ name: "<up>" });
    expect(toKeypress("", inkKey({ pageDown: true }))).toEqual({ name: "<pgdn>" });
    expect(toKeypress("", inkKey({ pageUp: true }))).toEqual({ name: "<pgup>" });
    expect(toKeypress("\r", inkKey({ return: true }))).toEqual({ name: "<enter>" });
    expect(toKeypress("\n", inkKey())).toEqual({ name: "<enter>" });
    expect(toKeypress("", inkKey({ escape: true, meta: true }))).toEqual({ name: "<esc>" });
    expect(toKeypress("", inkKey({ tab: true }))).toEqual({ name: "<tab>" });
    expect(toKeypress("", inkKey({ tab: true, shift: true }))).toEqual({ name: "<s-tab>" });
    // DEL (what Backspace sends on most terminals) arrives as `delete`.
    expect(toKeypress("", inkKey({ delete: true }))).toEqual({ name: "<bs>" });
    expect(toKeypress("", inkKey({ backspace: true }))).toEqual({ name: "<bs>" });
    expect(toKeypress("u", inkKey({ ctrl: true }))).toEqual({ name: "<c-u>" });
    expect(toKeypress("q", inkKey())).toEqual({ text: "q" });
    expect(toKeypress("Q", inkKey({ shift: true }))).toEqual({ text: "Q" });
    expect(toKeypress("x", inkKey({ meta: true }))).toBeUndefined();
    expect(toKeypress("", inkKey())).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { describeType, parseTyped } from "../../../src/review/tui/validate.js";

const ctx = { phoneRegion: "US", referenceDate: "2026-03-28" };

describe("typed values are checked against the field's type", () => {
  it("numbers parse from digits and words, and nothing else passes", () => {
    expect(parseTyped("42", { kind: "number" }, ctx)).toEqual({ ok: true, value: 42 });
    expect(parseTyped("1,200", { kind: "number" }, ctx)).toEqual({ ok: true, value: 1200 });
    expect(parseTyped("twelve", { kind: "number" }, ctx)).toEqual({ ok: true, value: 12 });
    expect(parseTyped("a few", { kind: "number" }, ctx)).toEqual({
      ok: false,
      message: "not a number: write 42, 3.5, twelve",
    });
  });

  it("booleans take true/false and yes/no", () => {
    expect(parseTyped("yes", { kind: "boolean" }, ctx)).toEqual({ ok: true, value: true });
    expect(parseTyped("False", { kind: "boolean" }, ctx)).toEqual({ ok: true, value: false });
    expect(parseTyped("maybe", { kind: "boolean" }, ctx).ok).toBe(false);
  });

  it("phones, dates and times are stored canonical, and unreadable ones are refused with examples", () => {
    expect(parseTyped("(555) 010-2345", { kind: "phone" }, ctx)).toEqual({ ok: true, value: "+15550102345" });
    expect(parseTyped("3/30", { kind: "date" }, ctx)).toEqual({ ok: true, value: "2026-03-30" });
    expect(parseTyped("３月３０日", { kind: "date" }, ctx)).toEqual({ ok: true, value: "2026-03-30" });
    expect(parseTyped("5:30 pm", { kind: "time" }, ctx)).toEqual({ ok: true, value: "17:30" });
    expect(parseTyped("soonish", { kind: "date" }, ctx)).toEqual({
      ok: false,
      message: "not a date: write YYYY-MM-DD, 3/30, March 30…",
    });
    expect(parseTyped("later", { kind: "time" }, ctx)).toEqual({
      ok: false,
      message: "not a time: write 17:30, 5:30 pm, noon…",
    });
    expect(parseTyped("call me", { kind: "phone" }, ctx).ok).toBe(false);
  });

  it("a yearless date needs the call's date to be read", () => {
    expect(parseTyped("3/30", { kind: "date" }, { phoneRegion: "US" }).ok).toBe(false);
  });

  it("empty and null mean null, for every kind", () => {
    for (const kind of ["number", "date", "text", "phone"] as const) {
      expect(parseTyped("  ", { kind }, ctx)).toEqual({ ok: true, value: null });
      expect(parseTyped("NULL", { kind }, ctx)).toEqual({ ok: true, value: null });
    }
  });

  it("text and enum values are kept as typed, trimmed", () => {
    expect(parseTyped("  Cancel ", { kind: "enum" }, ctx)).toEqual({ ok: true, value: "Cancel" });
    expect(parseTyped("予約の変更", { kind: "text" }, ctx)).toEqual({ ok: true, value: "予約の変更" });
  });

  it("exact fields take JSON, else text", () => {
    expect(parseTyped('{"a":1}', { kind: "exact" }, ctx)).toEqual({ ok: true, value: { a: 1 } });
    expect(parseTyped("plain", { kind: "exact" }, ctx)).toEqual({ ok: true, value: "plain" });
  });

  it("sets split on commas and check every item", () => {
    expect(parseTyped("3/30, 3/31", { kind: "set", of: { kind: "date" } }, ctx)).toEqual({
      ok: true,
      value: ["2026-03-30", "2026-03-31"],
    });
    expect(parseTyped("3/30, nope", { kind: "set", of: { kind: "date" } }, ctx)).toEqual({
      ok: false,
      message: 'item "nope": not a date: write YYYY-MM-DD, 3/30, March 30…',
    });
    expect(parseTyped('["a","b"]', { kind: "set", of: { kind: "text" } }, ctx)).toEqual({
      ok: true,
      value: ["a", "b"],
    });
  });

  it("the editor hint names what to write", () => {
    expect(describeType({ kind: "date" })).toBe("a date — write YYYY-MM-DD, 3/30, March 30…");
    expect(describeType({ kind: "set", of: { kind: "phone" } })).toMatch(
      /^a list, comma separated, of a phone/,
    );
    expect(describeType({ kind: "enum" })).toBe("text");
  });
});

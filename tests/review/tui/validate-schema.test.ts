import { describe, expect, it } from "vitest";
import { z } from "zod";
import { initialState, reduce } from "../../../src/review/tui/state.js";
import { parseTyped } from "../../../src/review/tui/validate.js";
import { DEFAULT_SCORING } from "../../../src/review/tui/view-model.js";
import { structuredCase } from "./fixtures.js";
import { press } from "./reduce-helpers.js";

const ctx = { phoneRegion: "US", referenceDate: "2026-03-28" };
const intent = z.enum(["book", "cancel"]);
const partySize = z.number().int();

describe("what a reviewer types must be a value of the field's schema type", () => {
  it("an enum takes its members only: a typo is refused with the members listed", () => {
    expect(parseTyped("bokk", { kind: "enum" }, ctx, intent)).toEqual({
      ok: false,
      message: '"bokk" is not one of: book, cancel',
    });
    expect(parseTyped("book", { kind: "enum" }, ctx, intent)).toEqual({ ok: true, value: "book" });
  });

  it("an integer field refuses a fraction, and takes whole numbers in digits or words", () => {
    const refused = parseTyped("3.5", { kind: "number", tolerance: 0 }, ctx, partySize);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.message).toMatch(/int/);
    expect(parseTyped("3", { kind: "number", tolerance: 0 }, ctx, partySize)).toEqual({ ok: true, value: 3 });
    expect(parseTyped("three", { kind: "number", tolerance: 0 }, ctx, partySize)).toEqual({
      ok: true,
      value: 3,
    });
  });

  it("each item of a list of enum members is checked", () => {
    const spec = { kind: "set" as const, of: { kind: "enum" as const } };
    const typed = parseTyped("book, bokk", spec, ctx, z.array(intent));
    expect(typed).toEqual({ ok: false, message: 'item 2: "bokk" is not one of: book, cancel' });
  });

  it("null still means no value, whatever the type", () => {
    expect(parseTyped("", { kind: "enum" }, ctx, intent)).toEqual({ ok: true, value: null });
  });

  it("the editor keeps a fraction for an integer field open with the reason, when the suite's schema is known", () => {
    const schema = z.object({ phone: z.string(), date: z.iso.date(), party_size: partySize });
    const config = { passRating: 3, scoring: DEFAULT_SCORING, schema };
    const state = reduce(initialState(config, 40), { type: "loaded", case: structuredCase() }).state;
    const { state: after, effects } = press(state, "<down>", "<down>", "e", "3", ".", "5", "<enter>");
    expect(effects).toEqual([]);
    expect(after.mode).toBe("edit");
    expect(after.status).toMatchObject({ tone: "error", text: expect.stringMatching(/^invalid: .*int/) });
  });
});

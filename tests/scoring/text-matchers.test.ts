import { describe, expect, it } from "vitest";
import type { MatchSpec } from "../../src/core/types.js";
import { isAutoScored, MATCH_KINDS, matcherFor } from "../../src/scoring/matchers/index.js";
import { canonical, read, same } from "./helpers.js";

const text: MatchSpec = { kind: "text" };

describe("absent values", () => {
  it.each(MATCH_KINDS)("null, undefined, blank strings and empty lists are none for %s", (kind) => {
    const spec = (kind === "set" ? { kind, of: { kind: "text" } } : { kind }) as MatchSpec;
    for (const value of [null, undefined, "", "   ", []])
      expect(canonical(spec, value)).toEqual({ kind: "none" });
  });

  it("a string that normalises to nothing is none, not an empty answer", () => {
    expect(canonical(text, " . ")).toEqual({ kind: "none" });
  });

  it("none equals none and never a value, and its key differs from the text 'none'", () => {
    const matcher = matcherFor(text);
    const none = matcher.canonical(null, { phoneRegion: "US" });
    const word = matcher.canonical("none", { phoneRegion: "US" });
    expect(matcher.equal(none, none)).toBe(true);
    expect(matcher.equal(none, word)).toBe(false);
    expect(matcher.key(none)).not.toBe(matcher.key(word));
  });
});

describe("text", () => {
  it("ignores case, repeated whitespace and a trailing full stop", () => {
    expect(read(text, "  Hello   World. ")).toBe("hello world");
    expect(same(text, "Main St.", "main st")).toBe(true);
  });

  it("treats full-width Latin letters and digits as their ASCII forms", () => {
    expect(read(text, "ＡＢＣ１２３")).toBe("abc123");
  });

  it("treats half-width katakana as full-width", () => {
    expect(same(text, "ﾀﾅｶ ﾀﾛｳ", "タナカ タロウ")).toBe(true);
  });

  it("treats an ideographic space and a trailing 。 like their ASCII counterparts", () => {
    expect(read(text, "田中　太郎。")).toBe("田中 太郎");
  });

  it("keeps different words different", () => {
    expect(same(text, "田中", "山田")).toBe(false);
    expect(same(text, "Smith", "Smyth")).toBe(false);
  });
});

describe("exact", () => {
  const exact: MatchSpec = { kind: "exact" };

  it("compares objects by content whatever their key order", () => {
    expect(same(exact, { a: 1, b: [2, 3] }, { b: [2, 3], a: 1 })).toBe(true);
  });

  it("does not forgive case or list order", () => {
    expect(same(exact, "Tokyo", "tokyo")).toBe(false);
    expect(same(exact, [1, 2], [2, 1])).toBe(false);
  });

  it("keeps Japanese strings as written", () => {
    expect(same(exact, "東京", "東京")).toBe(true);
    expect(same(exact, "東京", "ﾄｳｷｮｳ")).toBe(false);
  });
});

describe("enum", () => {
  const enumSpec: MatchSpec = { kind: "enum" };

  it("matches members whatever their case or width", () => {
    expect(same(enumSpec, "Cancel", "cancel")).toBe(true);
    expect(same(enumSpec, "ＣＡＮＣＥＬ", "cancel")).toBe(true);
  });

  it("matches a Japanese member written in half-width katakana", () => {
    expect(same(enumSpec, "ｷｬﾝｾﾙ", "キャンセル")).toBe(true);
  });

  it("treats another member as a different answer", () => {
    expect(same(enumSpec, "cancel", "reschedule")).toBe(false);
    expect(same(enumSpec, "予約", "キャンセル")).toBe(false);
  });
});

describe("boolean", () => {
  const bool: MatchSpec = { kind: "boolean" };

  it("reads yes/no and true/false in any case as booleans", () => {
    expect(read(bool, "Yes")).toBe(true);
    expect(read(bool, "FALSE")).toBe(false);
    expect(same(bool, true, "true")).toBe(true);
  });

  it("reads はい and いいえ as booleans", () => {
    expect(read(bool, "はい")).toBe(true);
    expect(read(bool, "いいえ")).toBe(false);
  });

  it("keeps an unreadable answer apart from both booleans", () => {
    expect(canonical(bool, "maybe")).toEqual({ kind: "unparsed", raw: "maybe" });
    expect(same(bool, "maybe", false)).toBe(false);
    expect(same(bool, "Maybe", "maybe")).toBe(true);
  });

  it("does not read Object.prototype names as words", () => {
    expect(canonical(bool, "constructor").kind).toBe("unparsed");
  });
});

describe("free text", () => {
  const free: MatchSpec = { kind: "free-text", rubric: "names the reason" };

  it("is left to people and judges, also inside a set", () => {
    expect(isAutoScored(free)).toBe(false);
    expect(isAutoScored({ kind: "set", of: free })).toBe(false);
    expect(isAutoScored(text)).toBe(true);
  });

  it("still groups identical answers after normalisation", () => {
    expect(same(free, "Wants to move the booking.", "wants to move the booking")).toBe(true);
    expect(same(free, "予約の変更", "予約の取消")).toBe(false);
  });
});

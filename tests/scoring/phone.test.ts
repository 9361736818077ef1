import { describe, expect, it } from "vitest";
import type { MatchContext, MatchSpec } from "../../src/core/types.js";
import { matcherFor } from "../../src/scoring/matchers/index.js";
import { read, same } from "./helpers.js";

const phone: MatchSpec = { kind: "phone" };
const japanese: MatchSpec = { kind: "phone", region: "JP" };
const US: MatchContext = { phoneRegion: "US" };
const JP: MatchContext = { phoneRegion: "JP" };

describe("phone", () => {
  it.each(["(555) 010-2345", "555.010.2345", "+1 555 010 2345", "555-010-2345", "5550102345"])(
    "reads the US number %s as E.164 although 555-01xx is unassigned",
    (written) => {
      expect(read(phone, written, US)).toBe("+15550102345");
    },
  );

  it.each([
    ["03-1234-5678", "+81312345678"],
    ["090-1234-5678", "+819012345678"],
    ["０３－１２３４－５６７８", "+81312345678"],
    ["03ー1234ー5678", "+81312345678"],
    ["+81 3 1234 5678", "+81312345678"],
  ])("reads the Japanese number %s as %s in region JP", (written, e164) => {
    expect(read(japanese, written, US)).toBe(e164);
  });

  it("takes the region from the call when the field names none", () => {
    expect(read(phone, "03-1234-5678", JP)).toBe("+81312345678");
    expect(read(phone, "03-1234-5678", US)).not.toBe("+81312345678");
  });

  it("lets the field's region win over the call's", () => {
    expect(read(japanese, "090-1234-5678", US)).toBe("+819012345678");
  });

  it("matches a number with an international prefix against the same number written locally", () => {
    expect(same(japanese, "+81 90 1234 5678", "090-1234-5678", US)).toBe(true);
    expect(same(phone, "+1 (555) 010-2345", "555.010.2345", US)).toBe(true);
  });

  it("falls back to the digits of a number too short to be complete", () => {
    expect(read(phone, "555-0102", US)).toBe("5550102");
    expect(same(phone, "555 0102", "555-0102", US)).toBe(true);
    expect(same(phone, "555-0102", "555-0103", US)).toBe(false);
  });

  it("keeps different numbers different", () => {
    expect(same(phone, "(555) 010-2345", "(555) 010-2346", US)).toBe(false);
  });

  it("treats text without digits as unreadable", () => {
    expect(read(phone, "call me back", US)).toEqual({ kind: "unparsed", raw: "call me back" });
  });

  it("gives equal numbers the same key", () => {
    const matcher = matcherFor(phone);
    const a = matcher.key(matcher.canonical("(555) 010-2345", US));
    expect(a).toBe(matcher.key(matcher.canonical("+1 555 010 2345", US)));
    expect(a).toBe("+15550102345");
  });
});

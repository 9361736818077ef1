import { describe, expect, it } from "vitest";
import type { FieldSpec, MatchContext } from "../../src/core/types.js";
import { fieldScorer } from "../../src/scoring/field-scorer.js";
import { matcherFor } from "../../src/scoring/matchers/index.js";

const US: MatchContext = { phoneRegion: "US", referenceDate: "2026-03-25" };
const JP: MatchContext = { phoneRegion: "JP", referenceDate: "2026-12-20" };

/** Every value through the remembering scorer, twice, and through a bare matcher: all must agree. */
function expectSameAsMatcher(field: FieldSpec, values: unknown[], contexts: MatchContext[]) {
  const scorer = fieldScorer(field);
  const matcher = matcherFor(field.match);
  for (let round = 0; round < 2; round++) {
    for (const ctx of contexts) {
      for (const value of values) expect(scorer.canonical(value, ctx)).toEqual(matcher.canonical(value, ctx));
    }
  }
}

describe("a field scorer remembering canonical values", () => {
  it("reads a phone number in each case's own region", () => {
    expectSameAsMatcher(
      { name: "p", match: { kind: "phone" } },
      ["03-1234-5678", "555-0102", 5550102],
      [US, JP],
    );
    const scorer = fieldScorer({ name: "p", match: { kind: "phone" } });
    expect(scorer.canonical("03-1234-5678", JP)).not.toEqual(scorer.canonical("03-1234-5678", US));
  });

  it("reads a relative or yearless date against each call's date", () => {
    const field: FieldSpec = { name: "d", match: { kind: "date" } };
    expectSameAsMatcher(
      field,
      ["tomorrow", "March 30th", "3月30日", "2026-04-01"],
      [US, JP, { phoneRegion: "US" }],
    );
    const scorer = fieldScorer(field);
    expect(scorer.canonical("tomorrow", US)).not.toEqual(scorer.canonical("tomorrow", JP));
  });

  it("tells a number from its text and true from 1, inside sets too", () => {
    expectSameAsMatcher(
      { name: "n", match: { kind: "number", tolerance: 0 } },
      ["5", 5, "five", -0, 0],
      [US],
    );
    expectSameAsMatcher({ name: "t", match: { kind: "text" } }, [true, "true", 1, "1", "Boston."], [US]);
    expectSameAsMatcher(
      { name: "s", match: { kind: "set", of: { kind: "phone" } } },
      ["555-0102", ["555-0102", "03-1234-5678"]],
      [US, JP],
    );
  });

  it("stays right after forgetting, when more distinct values come than it keeps", () => {
    const values = Array.from({ length: 5_000 }, (_, i) => (i % 2 ? `${i} people` : i));
    expectSameAsMatcher({ name: "n", match: { kind: "number", tolerance: 0 } }, values, [US]);
  });
});

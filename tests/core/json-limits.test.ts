// The hostile-shape check every outside JSON value passes before anything recurses into it.
import { describe, expect, it } from "vitest";
import { findJsonProblem, isWellFormedText } from "../../src/core/json-limits.js";

const nested = (depth: number): unknown => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`);

describe("findJsonProblem", () => {
  it("counts objects and arrays: a value exactly at the limit passes, one level more does not", () => {
    expect(findJsonProblem("text", { maxDepth: 0 })).toBeUndefined();
    expect(findJsonProblem(nested(64), { maxDepth: 64 })).toBeUndefined();
    expect(findJsonProblem(nested(65), { maxDepth: 64 })).toMatchObject({ kind: "too_deep", limit: 64 });
  });

  it("walks a value a million levels deep without using the call stack", () => {
    const problem = findJsonProblem(nested(1_000_000), { maxDepth: 64 });
    expect(problem).toMatchObject({ kind: "too_deep" });
    expect(problem?.path).toHaveLength(64);
  });

  it("names the path to the deep part, in the order the fields are written", () => {
    const value = { a: 1, b: [{ c: nested(10) }], d: nested(10) };
    expect(findJsonProblem(value, { maxDepth: 5 })?.path.slice(0, 3)).toEqual(["b", 0, "c"]);
  });

  it("finds lone surrogates in strings and keys only when asked, and accepts paired ones", () => {
    const emoji = { "ok 👍": "日本語 😀" };
    expect(findJsonProblem(emoji, { maxDepth: 8, wellFormed: true })).toBeUndefined();
    const bad = { transcript: [{ speaker: "a", text: "hi \ud800" }] };
    expect(findJsonProblem(bad, { maxDepth: 8 })).toBeUndefined();
    expect(findJsonProblem(bad, { maxDepth: 8, wellFormed: true })).toEqual({
      kind: "not_text",
      path: ["transcript", 0, "text"],
      key: false,
    });
    expect(findJsonProblem({ meta: { "k\udc00": 1 } }, { maxDepth: 8, wellFormed: true })).toEqual({
      kind: "not_text",
      path: ["meta"],
      key: true,
    });
  });

  it("tells text from lone surrogates at either end of a pair", () => {
    expect(isWellFormedText("a😀b")).toBe(true);
    expect(isWellFormedText("\ud83d")).toBe(false);
    expect(isWellFormedText("\ude00x")).toBe(false);
    expect(isWellFormedText("😀".split("").reverse().join(""))).toBe(false);
  });
});

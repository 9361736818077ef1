// A model's answer, whatever its shape, becomes an Output: a too-deep one is invalid with a reason, not a crash.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validateOutput } from "../../src/validate/index.js";

const schema = z.object({ name: z.string().nullable(), notes: z.unknown() });
const deepList = (depth: number): string => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("hostile model answers", () => {
  it("an answer nested 100,000 levels deep is invalid JSON, with no value kept to walk", () => {
    for (const text of [deepList(100_000), `Sure: {"name": "Ana", "notes": ${deepList(100_000)}}`]) {
      const output = validateOutput(text, schema);
      expect(output).toEqual({
        ok: false,
        reason: "invalid_json",
        issues: [{ path: "", code: "too_deep", message: "the JSON is nested deeper than 64 levels" }],
      });
      expect(() => JSON.stringify(output)).not.toThrow();
    }
  });

  it("an answer longer than 1,000,000 characters is invalid without being parsed", () => {
    const text = JSON.stringify({ name: "x".repeat(1_000_000), notes: null });
    expect(validateOutput(text, schema)).toEqual({
      ok: false,
      reason: "invalid_json",
      issues: [
        {
          path: "",
          code: "too_long",
          message: `the output is ${text.length} characters long, over the 1000000 read as an answer`,
        },
      ],
    });
  });

  it("an answer exactly 64 levels deep is still read and validated", () => {
    const notes = JSON.parse(deepList(63));
    const output = validateOutput(JSON.stringify({ name: "Ana", notes }), schema);
    expect(output).toMatchObject({ ok: true, value: { name: "Ana" } });
  });

  it("odd but shallow answers stay data: NUL bytes, 1e400, duplicate keys, __proto__", () => {
    expect(validateOutput('{"name": "A\\u0000na", "notes": null}', schema)).toMatchObject({
      ok: true,
      value: { name: "A\u0000na" },
    });
    // The last duplicate wins, as in JSON.parse; 1e400 is Infinity, which zod's number refuses.
    expect(validateOutput('{"name": "a", "name": "b"}', schema)).toMatchObject({ value: { name: "b" } });
    const big = validateOutput('{"size": 1e400}', z.object({ size: z.number() }));
    expect(big).toMatchObject({ ok: false, reason: "schema" });
    const proto = validateOutput('{"__proto__": {"name": "x"}, "notes": 1}', schema);
    expect(proto.ok).toBe(false);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });
});

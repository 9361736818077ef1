import { describe, expect, it } from "vitest";
import { z } from "zod";
import { extractJson, validateOutput } from "../../src/validate/index.js";

describe("extractJson", () => {
  it("reads bare JSON", () => {
    expect(extractJson(' {"a": 1} ')).toEqual({ ok: true, value: { a: 1 } });
  });

  it("reads a fenced block inside prose", () => {
    const text = 'Here is the record:\n```json\n{"a": "x"}\n```\nHope this helps.';
    expect(extractJson(text)).toEqual({ ok: true, value: { a: "x" } });
  });

  it("finds the first balanced object, ignoring braces inside strings", () => {
    const text = 'Sure! {"note": "use {curly} and \\"quotes\\"", "n": {"m": 2}} trailing } text';
    expect(extractJson(text)).toEqual({ ok: true, value: { note: 'use {curly} and "quotes"', n: { m: 2 } } });
  });

  it("reports a truncated object as invalid JSON", () => {
    const result = extractJson('{"a": 1, "b": "unfinish');
    expect(result).toMatchObject({ ok: false, reason: "invalid_json" });
  });

  it("reports text without any object as no JSON", () => {
    expect(extractJson("I cannot help with that.")).toMatchObject({ ok: false, reason: "no_json" });
    expect(extractJson("   ")).toMatchObject({ ok: false, reason: "no_json" });
  });
});

describe("validateOutput", () => {
  const schema = z.object({ date: z.string().nullable(), size: z.number().int(), kind: z.enum(["a", "b"]) });

  it("accepts an output that satisfies the schema", () => {
    expect(validateOutput('{"date": null, "size": 2, "kind": "a"}', schema)).toEqual({
      ok: true,
      value: { date: null, size: 2, kind: "a" },
      issues: [],
    });
  });

  it("keeps every schema issue with its path", () => {
    const output = validateOutput('{"date": 5, "size": 2.5, "kind": "c"}', schema);
    expect(output.ok).toBe(false);
    expect(output.issues.map((issue) => issue.path).sort()).toEqual(["date", "kind", "size"]);
    expect(output).toMatchObject({ reason: "schema", value: { date: 5, size: 2.5, kind: "c" } });
  });

  it("marks text without JSON as invalid with a reason", () => {
    expect(validateOutput("no idea", schema)).toMatchObject({ ok: false, reason: "no_json" });
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isStrictCompatible } from "../../src/providers/strict-schema.js";

const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema) as Record<string, unknown>;

describe("isStrictCompatible", () => {
  it("accepts zod objects whose fields are all required (nullable is fine), nested and in arrays", () => {
    const schema = z.object({
      name: z.string(),
      phone: z.string().nullable(),
      address: z.object({ city: z.string() }),
      items: z.array(z.object({ sku: z.string(), qty: z.number() })),
      kind: z.union([z.literal("a"), z.literal("b")]),
    });
    expect(isStrictCompatible(schemaOf(schema))).toBe(true);
  });

  it("rejects an optional field, at any depth", () => {
    expect(isStrictCompatible(schemaOf(z.object({ a: z.string().optional() })))).toBe(false);
    const nested = z.object({ items: z.array(z.object({ a: z.string().optional() })) });
    expect(isStrictCompatible(schemaOf(nested))).toBe(false);
  });

  it("rejects objects that allow other properties", () => {
    expect(isStrictCompatible(schemaOf(z.looseObject({ a: z.string() })))).toBe(false);
    expect(isStrictCompatible(schemaOf(z.object({ tags: z.record(z.string(), z.string()) })))).toBe(false);
    expect(
      isStrictCompatible({ type: "object", properties: { a: { type: "string" } }, required: ["a"] }),
    ).toBe(false);
  });

  it("rejects a root that is not an object, and keywords strict mode does not support", () => {
    expect(isStrictCompatible({ type: "array", items: { type: "string" } })).toBe(false);
    const oneOf = { type: "object", properties: {}, required: [], additionalProperties: false, oneOf: [] };
    expect(isStrictCompatible(oneOf)).toBe(false);
  });
});

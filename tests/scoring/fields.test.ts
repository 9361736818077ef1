import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CallgradeError } from "../../src/core/errors.js";
import { fieldsFromSchema } from "../../src/scoring/fields.js";

describe("fieldsFromSchema", () => {
  it("infers each matcher from the field's type when no metadata names one", () => {
    const schema = z.object({
      name: z.string(),
      party: z.number().int(),
      confirmed: z.boolean(),
      intent: z.enum(["book", "cancel"]),
      channel: z.literal("phone"),
      services: z.array(z.string()),
      day: z.iso.date(),
      at: z.iso.time(),
      callback: z.e164(),
      extra: z.record(z.string(), z.unknown()),
    });
    expect(fieldsFromSchema(schema)).toEqual([
      { name: "name", match: { kind: "text" } },
      { name: "party", match: { kind: "number", tolerance: 0 } },
      { name: "confirmed", match: { kind: "boolean" } },
      { name: "intent", match: { kind: "enum" } },
      { name: "channel", match: { kind: "enum" } },
      { name: "services", match: { kind: "set", of: { kind: "text" } } },
      { name: "day", match: { kind: "date" } },
      { name: "at", match: { kind: "time" } },
      { name: "callback", match: { kind: "phone" } },
      { name: "extra", match: { kind: "exact" } },
    ]);
  });

  it("finds metadata inside and outside optional, nullable and default wrappers", () => {
    const schema = z.object({
      inner: z.string().meta({ match: "phone" }).optional(),
      outer: z.string().optional().meta({ match: "phone", region: "jp" }),
      both: z.string().nullable().optional().meta({ match: "date" }),
      deep: z.number().meta({ match: "number", tolerance: 0.5 }).nullable().optional(),
      defaulted: z.string().meta({ match: "time" }).default("12:00"),
      described: z.string().meta({ match: "phone" }).describe("The caller's number"),
      summary: z.string().meta({ match: "free-text", rubric: "names the reason" }).optional(),
    });
    expect(fieldsFromSchema(schema)).toEqual([
      { name: "inner", match: { kind: "phone" } },
      { name: "outer", match: { kind: "phone", region: "JP" } },
      { name: "both", match: { kind: "date" } },
      { name: "deep", match: { kind: "number", tolerance: 0.5 } },
      { name: "defaulted", match: { kind: "time" } },
      { name: "described", match: { kind: "phone" } },
      { name: "summary", match: { kind: "free-text", rubric: "names the reason" } },
    ]);
  });

  it("merges metadata from several levels, the outer level winning", () => {
    const schema = z.object({
      count: z.number().meta({ match: "number", tolerance: 1 }).optional().meta({ tolerance: 2 }),
      overridden: z.string().meta({ match: "text" }).nullable().meta({ match: "phone" }),
    });
    expect(fieldsFromSchema(schema)).toEqual([
      { name: "count", match: { kind: "number", tolerance: 2 } },
      { name: "overridden", match: { kind: "phone" } },
    ]);
  });

  it("flattens nested objects, also optional ones, to dotted names", () => {
    const schema = z.object({
      caller: z
        .object({
          name: z.string(),
          phone: z.string().meta({ match: "phone" }).nullable(),
          address: z.object({ city: z.string() }),
        })
        .optional(),
    });
    expect(fieldsFromSchema(schema)).toEqual([
      { name: "caller.name", match: { kind: "text" } },
      { name: "caller.phone", match: { kind: "phone" } },
      { name: "caller.address.city", match: { kind: "text" } },
    ]);
  });

  it("keeps a nested object whole when it names its own matcher", () => {
    const schema = z.object({ address: z.object({ street: z.string() }).meta({ match: "exact" }) });
    expect(fieldsFromSchema(schema)).toEqual([{ name: "address", match: { kind: "exact" } }]);
  });

  it("compares list elements with the element's matcher, or the list's when it names a scalar one", () => {
    const schema = z.object({
      numbers: z.array(z.string().meta({ match: "phone" })),
      tagged: z.array(z.string()).meta({ match: "phone", region: "JP" }),
      dates: z.array(z.string().meta({ match: "date" })).meta({ match: "set" }),
      raw: z.array(z.number()).meta({ match: "exact" }),
    });
    expect(fieldsFromSchema(schema)).toEqual([
      { name: "numbers", match: { kind: "set", of: { kind: "phone" } } },
      { name: "tagged", match: { kind: "set", of: { kind: "phone", region: "JP" } } },
      { name: "dates", match: { kind: "set", of: { kind: "date" } } },
      { name: "raw", match: { kind: "exact" } },
    ]);
  });

  it("rejects an unknown match name, naming the field and the valid names", () => {
    const schema = z.object({ caller: z.object({ phone: z.string().meta({ match: "telephone" }) }) });
    expect(() => fieldsFromSchema(schema)).toThrow(CallgradeError);
    expect(() => fieldsFromSchema(schema)).toThrow(
      'schema field "caller.phone": unknown match "telephone"; use one of: exact, text, number, boolean, enum, phone, date, time, set, free-text',
    );
  });

  it("rejects a negative tolerance and an unknown phone region", () => {
    const negative = z.object({ n: z.number().meta({ tolerance: -1 }) });
    expect(() => fieldsFromSchema(negative)).toThrow(/schema field "n": bad match metadata \(tolerance:/);
    const region = z.object({ p: z.string().meta({ match: "phone", region: "XX" }) });
    expect(() => fieldsFromSchema(region)).toThrow(/schema field "p": unknown phone region "XX"/);
  });
});

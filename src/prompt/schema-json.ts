// The output schema as JSON Schema: for {{schema}}, for structured-output requests, and for hashing.
import { z } from "zod";

/** Metadata keys callgrade reads for scoring; providers must not see them (strict modes reject unknown keywords). */
const SCORING_KEYS = ["match", "tolerance", "region", "rubric"];

/** JSON Schema sent to models: no `$schema`, no scoring metadata. */
export function modelJsonSchema(schema: z.ZodObject): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    unrepresentable: "any",
    override: (ctx) => {
      const node = ctx.jsonSchema as Record<string, unknown>;
      for (const key of SCORING_KEYS) delete node[key];
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** JSON Schema with scoring metadata, so a change of matcher changes the schema hash. */
export function fullJsonSchema(schema: z.ZodObject): Record<string, unknown> {
  return z.toJSONSchema(schema, { unrepresentable: "any" }) as Record<string, unknown>;
}

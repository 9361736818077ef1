// Finds a schema field's zod type by its dotted name ("caller.name"), the way scoring names fields.
import { z } from "zod";

type Schema = z.core.$ZodType;

// Wrappers that change whether a value may be missing, not what it is.
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"]);

/** The type inside optional/nullable/default wrappers; a transform or pipe is its input side. */
export function unwrapType(type: Schema): Schema {
  let base = type;
  for (;;) {
    const def = (base as z.core.$ZodTypes)._zod.def;
    if (WRAPPERS.has(def.type) && "innerType" in def) base = def.innerType;
    else if (def.type === "pipe") base = def.in;
    else return base;
  }
}

/** The unwrapped type of the field `name` in `schema`, or undefined when the schema has no such field. */
export function fieldType(schema: z.core.$ZodObject, name: string): Schema | undefined {
  let node: Schema = schema;
  for (const key of name.split(".")) {
    const base = unwrapType(node);
    if (!(base instanceof z.core.$ZodObject)) return undefined;
    const next = Object.hasOwn(base._zod.def.shape, key) ? base._zod.def.shape[key] : undefined;
    if (!next) return undefined;
    node = next;
  }
  return unwrapType(node);
}

const STRUCTURED = new Set(["array", "tuple", "object", "record"]);

/** Dotted names of every field, at any depth, that holds a list or an object: what a CSV cell writes as JSON. */
export function structuredFieldNames(schema: z.core.$ZodObject, prefix = ""): string[] {
  const names: string[] = [];
  for (const [key, field] of Object.entries(schema._zod.def.shape)) {
    const name = prefix === "" ? key : `${prefix}.${key}`;
    const base = unwrapType(field);
    if (STRUCTURED.has((base as z.core.$ZodTypes)._zod.def.type)) names.push(name);
    if (base instanceof z.core.$ZodObject) names.push(...structuredFieldNames(base, name));
  }
  return names;
}

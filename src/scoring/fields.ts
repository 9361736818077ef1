// Reads how each field of an output schema is compared, from zod metadata or, failing that, the field's type.
import { isSupportedCountry } from "libphonenumber-js";
import { z } from "zod";
import { CallgradeError } from "../core/errors.js";
import type { FieldSpec, MatchSpec } from "../core/types.js";
import { MATCH_KINDS, type MatchKind } from "./matchers/index.js";

type Schema = z.core.$ZodType;

const matchMeta = z.object({
  match: z.string().optional(),
  tolerance: z.number().nonnegative().optional(),
  region: z.string().optional(),
  rubric: z.string().optional(),
});
type MatchMeta = z.infer<typeof matchMeta>;

// Wrappers that change whether a value may be missing, not how it compares.
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"]);

/**
 * One FieldSpec per field of `schema`; fields of nested objects are flattened
 * to dotted names ("caller.name") unless the object itself carries a `match`.
 * `.meta({ match, tolerance, region, rubric })` may sit on the field or on any
 * type inside its optional/nullable/default wrappers; outer metadata wins.
 * A phone field's `region` is set only when the schema names one; otherwise the case's region applies
 * at scoring time (the case's meta, else the config's `scoring.phoneRegion`), so one suite can mix countries.
 */
export function fieldsFromSchema(schema: z.ZodObject): FieldSpec[] {
  return collect(schema, "");
}

function collect(schema: z.core.$ZodObject, prefix: string): FieldSpec[] {
  const fields: FieldSpec[] = [];
  for (const [key, field] of Object.entries(schema._zod.def.shape)) {
    const name = prefix === "" ? key : `${prefix}.${key}`;
    const { base, meta } = unwrap(field, name);
    if (base instanceof z.core.$ZodObject && meta.match === undefined) {
      fields.push(...collect(base, name));
    } else {
      fields.push({ name, match: specFor(name, base, meta) });
    }
  }
  return fields;
}

/** The type inside the wrappers, and the metadata found on the way in. */
function unwrap(field: Schema, name: string): { base: Schema; meta: MatchMeta } {
  const layers: Schema[] = [field];
  let base = field;
  for (;;) {
    const def = (base as z.core.$ZodTypes)._zod.def;
    if (WRAPPERS.has(def.type) && "innerType" in def) base = def.innerType;
    // A transform or pipe is compared as what the model wrote, its input side.
    else if (def.type === "pipe") base = def.in;
    else break;
    layers.push(base);
  }
  const merged = Object.assign({}, ...layers.reverse().map((layer) => z.globalRegistry.get(layer) ?? {}));
  const parsed = matchMeta.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new CallgradeError("CONFIG_INVALID", `schema field "${name}": bad match metadata (${problems})`);
  }
  return { base, meta: parsed.data };
}

function isMatchKind(kind: string): kind is MatchKind {
  return (MATCH_KINDS as string[]).includes(kind);
}

function specFor(name: string, base: Schema, meta: MatchMeta): MatchSpec {
  const kind = meta.match ?? inferKind(base);
  if (!isMatchKind(kind)) {
    throw new CallgradeError(
      "CONFIG_INVALID",
      `schema field "${name}": unknown match "${kind}"; use one of: ${MATCH_KINDS.join(", ")}`,
    );
  }
  const element = base instanceof z.core.$ZodArray ? base._zod.def.element : undefined;
  if (kind === "set") {
    // On a non-array, the set's elements are the field's own type: a lone value is a one-item list.
    if (!element) return { kind, of: specFor(name, base, { ...meta, match: undefined }) };
    const inner = unwrap(element, `${name}[]`);
    return { kind, of: specFor(`${name}[]`, inner.base, inner.meta) };
  }
  // `match: "phone"` on a list of phone numbers means each element is a phone number.
  if (element && kind !== "exact" && kind !== "free-text") {
    return { kind: "set", of: scalarSpec(name, kind, meta) };
  }
  return scalarSpec(name, kind, meta);
}

function scalarSpec(name: string, kind: Exclude<MatchKind, "set">, meta: MatchMeta): MatchSpec {
  switch (kind) {
    case "number":
      return { kind, tolerance: meta.tolerance ?? 0 };
    case "phone":
      return meta.region === undefined ? { kind } : { kind, region: checkRegion(name, meta.region) };
    case "free-text":
      return meta.rubric === undefined ? { kind } : { kind, rubric: meta.rubric };
    default:
      return { kind };
  }
}

function checkRegion(name: string, region: string): string {
  const upper = region.toUpperCase();
  if (isSupportedCountry(upper)) return upper;
  throw new CallgradeError(
    "CONFIG_INVALID",
    `schema field "${name}": unknown phone region "${region}"; use a two-letter country code such as "US" or "JP"`,
  );
}

/** The matcher a field's type implies when its metadata names none. */
function inferKind(base: Schema): MatchKind {
  const def = (base as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "string": {
      // z.iso.date(), z.iso.time() and z.e164() already say what the string holds.
      const format = "format" in def ? def.format : undefined;
      if (format === "date") return "date";
      if (format === "time") return "time";
      return format === "e164" ? "phone" : "text";
    }
    case "number":
    case "bigint":
      return "number";
    case "boolean":
      return "boolean";
    case "enum":
    case "literal":
      return "enum";
    case "date":
      return "date";
    case "array":
      return "set";
    default:
      return "exact";
  }
}

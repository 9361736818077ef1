// Whether OpenAI's strict structured-output mode accepts a JSON Schema as it is.

/** Keywords strict mode rejects; a schema using them is sent with strict: false instead. */
const UNSUPPORTED = [
  "allOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "patternProperties",
  "dependentRequired",
  "dependentSchemas",
  "unevaluatedProperties",
];

/** Keywords whose value is one subschema, or a map or list of them. */
const ONE = ["items", "additionalItems", "contains"];
const MAP = ["properties", "$defs", "definitions"];
const LIST = ["anyOf", "prefixItems", "items"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isObjectSchema(schema: Record<string, unknown>): boolean {
  const type = schema.type;
  return type === "object" || (Array.isArray(type) && type.includes("object")) || "properties" in schema;
}

function compatible(schema: unknown): boolean {
  if (typeof schema === "boolean") return true;
  if (!isRecord(schema)) return false;
  if (UNSUPPORTED.some((keyword) => keyword in schema)) return false;
  if (isObjectSchema(schema)) {
    if (schema.additionalProperties !== false) return false;
    const properties = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
    const required = Array.isArray(schema.required) ? schema.required : [];
    if (!properties.every((name) => required.includes(name))) return false;
  }
  for (const key of ONE) if (isRecord(schema[key]) && !compatible(schema[key])) return false;
  for (const key of MAP) {
    const map = schema[key];
    if (isRecord(map) && !Object.values(map).every(compatible)) return false;
  }
  for (const key of LIST) {
    const list = schema[key];
    if (Array.isArray(list) && !list.every(compatible)) return false;
  }
  return true;
}

/**
 * True when every object in the schema has `additionalProperties: false` and lists all its
 * properties in `required` (optional fields must be nullable instead), the root is an object, and no
 * keyword strict mode rejects is used.
 */
export function isStrictCompatible(schema: Record<string, unknown>): boolean {
  return schema.type === "object" && compatible(schema);
}

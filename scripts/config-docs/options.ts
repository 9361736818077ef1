// The option tree of a runtime zod schema (keys, types, defaults, nesting), each option paired with the JSDoc
// its source gives it. zod 4 keeps everything needed in each schema's `_zod.def`.
import type { OptionDoc, SourceSchema } from "./source.js";

interface Def {
  type: string;
  [key: string]: unknown;
}
interface Schema {
  _zod: { def: Def };
}

export interface Option {
  key: string;
  path: string;
  type: string;
  default: string;
  doc?: OptionDoc;
  where?: string;
  /** The section documenting this option's own options (an object, or a list of them). */
  section?: Section;
  /** The section that already documents this option's schema (the judge's model, as `models[]`). */
  sameAs?: string;
}

export interface Variant {
  tag: string;
  doc?: OptionDoc;
  where?: string;
  options: Option[];
}

export type Section =
  | { kind: "object"; path: string; options: Option[] }
  | { kind: "variants"; path: string; discriminator: string; variants: Variant[] };

const isSchema = (value: unknown): value is Schema =>
  typeof value === "object" && value !== null && "_zod" in value;

function child(def: Def, key: string): Schema {
  const value = def[key];
  if (!isSchema(value)) throw new Error(`a zod ${def.type} without its ${key}`);
  return value;
}

function children(def: Def, key: string): Schema[] {
  const value = def[key];
  return Array.isArray(value) ? value.filter(isSchema) : [];
}

function shape(def: Def): [string, Schema][] {
  const value = def.shape;
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).filter((entry): entry is [string, Schema] => isSchema(entry[1]));
}

interface Unwrapped {
  core: Def;
  optional: boolean;
  default?: { value: unknown };
}

/** Strips the wrappers that only say whether and how an option may be left out. */
function unwrap(schema: Schema): Unwrapped {
  let def = schema._zod.def;
  let optional = false;
  let fallback: { value: unknown } | undefined;
  for (;;) {
    if (def.type === "optional") optional = true;
    else if (def.type === "default" || def.type === "prefault") fallback ??= { value: def.defaultValue };
    else if (def.type === "pipe") {
      def = child(def, "in")._zod.def;
      continue;
    } else if (!["nullable", "readonly", "catch", "nonoptional"].includes(def.type)) break;
    def = child(def, "innerType")._zod.def;
  }
  return { core: def, optional, ...(fallback ? { default: fallback } : {}) };
}

interface Check {
  check?: string;
  format?: string;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
  length?: number;
}

function checks(def: Def): Check[] {
  return children(def, "checks").map((check) => check._zod.def as unknown as Check);
}

const code = (value: unknown) => `\`${JSON.stringify(value)}\``;

function numberWords(def: Def): string {
  const all = checks(def);
  const integer = all.some((check) => check.format === "safeint" || check.format === "int32");
  let lower = all.find((check) => check.check === "greater_than");
  const upper = all.find((check) => check.check === "less_than");
  const noun = integer ? "integer" : "number";
  if (integer && lower && !lower.inclusive && typeof lower.value === "number") {
    lower = { ...lower, value: lower.value + 1, inclusive: true };
  }
  if (lower?.inclusive && upper?.inclusive) return `${noun} from ${lower.value} to ${upper.value}`;
  const bounds = [
    lower ? `${lower.inclusive ? "≥" : ">"} ${lower.value}` : "",
    upper ? `${upper.inclusive ? "≤" : "<"} ${upper.value}` : "",
  ].filter(Boolean);
  return [noun, bounds.join(" and ")].filter(Boolean).join(" ");
}

function stringWords(def: Def): string {
  const all = checks(def);
  if (all.some((check) => check.format === "url")) return "URL";
  const exact = all.find((check) => check.check === "length_equals");
  return exact ? `string of ${exact.length} characters` : "string";
}

const PLURALS: Record<string, string> = {
  string: "strings",
  object: "objects",
  URL: "URLs",
  boolean: "booleans",
};

/** The option's type in words, e.g. "integer ≥ 1", "list of strings", "`"point"` or `"lower-bound"`". */
export function typeWords(def: Def): string {
  switch (def.type) {
    case "string":
      return stringWords(def);
    case "number":
      return numberWords(def);
    case "boolean":
      return "boolean";
    case "literal":
      return (Array.isArray(def.values) ? def.values : []).map(code).join(" or ");
    case "enum":
      return Object.values((def.entries as Record<string, unknown>) ?? {})
        .map(code)
        .join(", ");
    case "array": {
      const element = unwrap(child(def, "element")).core;
      const words = element.type === "union" && isObjectUnion(element) ? "object" : typeWords(element);
      const atLeast = checks(def).find((check) => check.check === "min_length")?.minimum;
      const list = `list of ${PLURALS[words] ?? words}`;
      return atLeast ? `${list} (at least ${atLeast})` : list;
    }
    case "union":
      return children(def, "options")
        .map((option) => typeWords(unwrap(option).core))
        .join(" or ");
    case "object":
    case "record":
      return "object";
    case "custom":
      return "zod schema";
    default:
      return def.type;
  }
}

const isObjectUnion = (def: Def) =>
  children(def, "options").every((option) => unwrap(option).core.type === "object");

/** A JSDoc `@default` that is a literal (`"US"`, `0.02`, `1_000_000`) and its value; prose gives undefined. */
function literalDefault(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(/^[\d_.]+$/.test(text) ? text.replace(/_/g, "") : text) };
  } catch {
    return undefined;
  }
}

function defaultCell(
  path: string,
  unwrapped: Unwrapped,
  doc: OptionDoc | undefined,
  nested: boolean,
): string {
  const written = doc?.default;
  const declared = written !== undefined ? literalDefault(written) : undefined;
  if (unwrapped.default) {
    const actual = unwrapped.default.value;
    if (declared && JSON.stringify(declared.value) !== JSON.stringify(actual)) {
      throw new Error(
        `${path}: its JSDoc says @default ${written}, but the schema's default is ${JSON.stringify(actual)}`,
      );
    }
    if (nested && typeof actual === "object" && actual !== null && !Array.isArray(actual))
      return "its options' defaults";
    return Array.isArray(actual) && actual.length === 0 ? "none" : code(actual);
  }
  if (written !== undefined && written !== "") return declared ? `\`${written}\`` : written;
  return unwrapped.optional ? "none" : "required";
}

const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

function option(
  parent: string,
  key: string,
  schema: Schema,
  source: SourceSchema | undefined,
  doc?: OptionDoc,
  where?: string,
): Option {
  const unwrapped = unwrap(schema);
  const path = join(parent, key);
  const { core } = unwrapped;
  let section: Section | undefined;
  const seen = documented.get(core);
  if (seen !== undefined) {
    return {
      key,
      path,
      type: typeWords(core),
      default: defaultCell(path, unwrapped, doc, true),
      ...(doc ? { doc } : {}),
      ...(where ? { where } : {}),
      sameAs: seen,
    };
  }
  if (core.type === "object" || (core.type === "union" && isObjectUnion(core))) {
    section = sectionOf(path, core, source);
  } else if (core.type === "array") {
    const element = unwrap(child(core, "element")).core;
    const elementSource = source?.kind === "array" ? source.element : undefined;
    if (element.type === "object" || (element.type === "union" && isObjectUnion(element))) {
      section = sectionOf(`${path}[]`, element, elementSource);
    }
  }
  return {
    key,
    path,
    type: typeWords(core),
    default: defaultCell(path, unwrapped, doc, section !== undefined),
    ...(doc ? { doc } : {}),
    ...(where ? { where } : {}),
    ...(section ? { section } : {}),
  };
}

function objectOptions(path: string, def: Def, source: SourceSchema | undefined, skip?: string): Option[] {
  const properties = source?.kind === "object" ? source.properties : undefined;
  return shape(def)
    .filter(([key]) => key !== skip)
    .map(([key, schema]) => {
      const property = properties?.get(key);
      return option(path, key, schema, property?.value, property?.doc, property?.where);
    });
}

/**
 * Schemas documented so far, by the section that documents them: one used twice (a model under `models` and
 * as the judge) is documented once and referred to. Starts empty with each document (the root section).
 */
let documented = new Map<Def, string>();

/** The section of an object, or of a union of objects told apart by a discriminator key. */
export function sectionOf(path: string, def: Def, source: SourceSchema | undefined): Section {
  if (path === "") documented = new Map();
  documented.set(def, path);
  if (def.type === "object") return { kind: "object", path, options: objectOptions(path, def, source) };
  const discriminator = typeof def.discriminator === "string" ? def.discriminator : undefined;
  if (def.type !== "union" || !discriminator)
    throw new Error(`${path}: cannot document a zod ${def.type} here`);
  const sources = source?.kind === "union" ? source.options : [];
  const variants = children(def, "options").map((schema, index): Variant => {
    const variant = unwrap(schema).core;
    const tagSchema = shape(variant).find(([key]) => key === discriminator)?.[1];
    const values = tagSchema?._zod.def.values;
    const tag = Array.isArray(values) ? String(values[0]) : `option ${index + 1}`;
    const variantSource = sources[index];
    const property =
      variantSource?.kind === "object" ? variantSource.properties.get(discriminator) : undefined;
    return {
      tag,
      ...(property?.doc ? { doc: property.doc } : {}),
      ...(property?.where ? { where: property.where } : {}),
      options: objectOptions(path, variant, variantSource, discriminator),
    };
  });
  return { kind: "variants", path, discriminator, variants };
}

/** Every option and variant without a description, as `path (file:line)`. */
export function undocumented(section: Section): string[] {
  const missing: string[] = [];
  const check = (path: string, doc: OptionDoc | undefined, where: string | undefined) => {
    if (!doc?.description) missing.push(where ? `${path} (${where})` : path);
  };
  const visit = (options: Option[]) => {
    for (const entry of options) {
      check(entry.path, entry.doc, entry.where);
      if (entry.section) missing.push(...undocumented(entry.section));
    }
  };
  if (section.kind === "object") visit(section.options);
  else {
    for (const variant of section.variants) {
      check(`${section.path}.${section.discriminator}: "${variant.tag}"`, variant.doc, variant.where);
      visit(variant.options);
    }
  }
  return [...new Set(missing)];
}

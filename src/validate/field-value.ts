// Whether one expected value (gold, or what a reviewer typed) is a value of its schema field and readable by the
// field's matcher: the check that keeps bad gold from scoring 0% without a word.
import { z } from "zod";
import { unwrapType } from "../config/field-type.js";
import type { MatchContext, MatchSpec } from "../core/types.js";
import { matcherFor } from "../scoring/matchers/index.js";

type Schema = z.core.$ZodType;

// Kinds whose matcher reads the value into a canonical form; a string "4" is then as good as the number 4.
const PARSED = new Set<MatchSpec["kind"]>(["number", "boolean", "date", "time", "phone"]);

/** A problem with `value` in words, or undefined when it is fine. Null (nothing expected) is always fine. */
export function fieldValueProblem(
  value: unknown,
  spec: MatchSpec,
  type: Schema | undefined,
  ctx: MatchContext,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (spec.kind === "set") {
    const list = type instanceof z.core.$ZodArray;
    if (list && !Array.isArray(value)) return `must be a list, such as ${JSON.stringify([String(value)])}`;
    const element = list ? unwrapType(type._zod.def.element) : type;
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const [index, item] of items.entries()) {
      const problem = fieldValueProblem(item, spec.of, element, ctx);
      if (problem) return `item ${index + 1}: ${problem}`;
    }
    return undefined;
  }
  if (PARSED.has(spec.kind)) {
    const canonical = matcherFor(spec).canonical(value, ctx);
    if (canonical.kind === "unparsed") return `${JSON.stringify(value)} cannot be read as a ${spec.kind}`;
    // The schema's own rules (an integer, a minimum) hold for the value as read.
    const kind = type && (type as z.core.$ZodTypes)._zod.def.type;
    if (type && canonical.kind === "value" && (kind === "number" || kind === "boolean")) {
      return schemaProblem(type, canonical.value);
    }
    return undefined;
  }
  if (spec.kind === "enum" && type) return enumProblem(value, spec, type, ctx);
  return type && schemaProblem(type, value);
}

function enumProblem(value: unknown, spec: MatchSpec, type: Schema, ctx: MatchContext): string | undefined {
  const def = (type as z.core.$ZodTypes)._zod.def;
  const members: unknown[] =
    def.type === "enum" ? Object.values(def.entries) : def.type === "literal" ? [...def.values] : [];
  if (members.length === 0) return schemaProblem(type, value);
  // The enum matcher's reading decides, so "Book" is the member "book" as it is when scoring.
  const matcher = matcherFor(spec);
  const read = matcher.canonical(value, ctx);
  if (members.some((member) => matcher.equal(matcher.canonical(member, ctx), read))) return undefined;
  return `${JSON.stringify(value)} is not one of: ${members.map((m) => String(m)).join(", ")}`;
}

function schemaProblem(type: Schema, value: unknown): string | undefined {
  const parsed = z.safeParse(type, value);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  if (!issue) return "does not match the schema";
  const at = issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
  return `${at}${issue.message}`;
}

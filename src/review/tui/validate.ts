// Reads what a reviewer typed as a value of the field's type, or says in words what to write instead.
import type { z } from "zod";
import type { MatchContext, MatchSpec } from "../../core/types.js";
import { matcherFor } from "../../scoring/matchers/index.js";
import { fieldValueProblem } from "../../validate/field-value.js";

export type Typed = { ok: true; value: unknown } | { ok: false; message: string };

// What each parsing kind accepts, for the editor's hint and the rejection message.
const EXPECTED: Partial<Record<MatchSpec["kind"], string>> = {
  number: "a number: write 42, 3.5, twelve",
  boolean: "yes or no: write true, false, yes, no",
  phone: "a phone number: write 555-010-2345, +81 3-1234-5678",
  date: "a date: write YYYY-MM-DD, 3/30, March 30…",
  time: "a time: write 17:30, 5:30 pm, noon…",
};

/** A line on what the field takes, shown under the editor. */
export function describeType(spec: MatchSpec): string {
  const expected = EXPECTED[spec.kind];
  if (expected) return expected.replace(":", " —");
  if (spec.kind === "set") return `a list, comma separated, of ${describeType(spec.of)}`;
  if (spec.kind === "exact") return "JSON (42, true, {...}), or plain text";
  return "text";
}

/**
 * Empty and `null` mean null. Numbers, booleans, phones, dates and times must
 * parse, and are stored in their canonical form (E.164, YYYY-MM-DD, HH:MM), so a
 * typed "tomorrow" becomes the date it meant. Text and enum values are kept as typed.
 * With the field's zod `type`, the value must also be one the schema takes (an enum's
 * member, an integer), as gold is checked before a run.
 */
export function parseTyped(input: string, spec: MatchSpec, ctx: MatchContext, type?: z.core.$ZodType): Typed {
  const typed = readTyped(input, spec, ctx);
  if (!typed.ok || type === undefined) return typed;
  const problem = fieldValueProblem(typed.value, spec, type, ctx);
  return problem === undefined ? typed : { ok: false, message: problem };
}

function readTyped(input: string, spec: MatchSpec, ctx: MatchContext): Typed {
  const text = input.trim();
  if (text === "" || text.toLowerCase() === "null") return { ok: true, value: null };
  switch (spec.kind) {
    case "set":
      return parseList(text, spec.of, ctx);
    case "exact":
      return { ok: true, value: parseJson(text) ?? text };
    case "text":
    case "enum":
    case "free-text":
      return { ok: true, value: text };
    default: {
      const canonical = matcherFor(spec).canonical(text, ctx);
      if (canonical.kind === "value") return { ok: true, value: canonical.value };
      return { ok: false, message: `not ${EXPECTED[spec.kind] ?? "readable"}` };
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseList(text: string, of: MatchSpec, ctx: MatchContext): Typed {
  const json = text.startsWith("[") ? parseJson(text) : undefined;
  const items: unknown[] = Array.isArray(json) ? json : text.split(/[,、，]/u);
  const values: unknown[] = [];
  for (const item of items) {
    if (typeof item === "string" && item.trim() === "") continue;
    const parsed = typeof item === "string" ? readTyped(item, of, ctx) : { ok: true as const, value: item };
    if (!parsed.ok) return { ok: false, message: `item "${String(item).trim()}": ${parsed.message}` };
    values.push(parsed.value);
  }
  return { ok: true, value: values.length === 0 ? null : values };
}

// Everything in report.html that came from a transcript, a model, a config or a gate passes through here.
import { inert } from "../../core/inert.js";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes untrusted text for HTML (and inline SVG) text and double- or single-quoted attribute values.
 * Control characters and bidi overrides are dropped first, so a value cannot reorder what a reader sees.
 */
export function escapeHtml(text: string): string {
  const safe = inert(text);
  return SPECIAL.test(safe) ? safe.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char) : safe;
}

const SPECIAL = /[&<>"']/;

/**
 * JSON for a `<script type="application/json">` element: nothing in it can close the element, open a
 * comment or end a line for a JavaScript parser. Read it back with JSON.parse(element.textContent).
 */
export function jsonForScript(value: unknown): string {
  return (JSON.stringify(value) ?? "null")
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** At most `max` code points, with an ellipsis when cut; escape the result separately. */
export function truncate(text: string, max: number): string {
  // No more UTF-16 units than `max`: no more code points either, and nothing to cut.
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** A model value as one line of text: strings as they are, everything else as JSON. */
export function valueText(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? String(value);
}

/** A value for a detail view: strings as they are, objects pretty-printed. */
export function valueBlock(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** The issues of an output that failed the schema (`{ invalid: [...] }`), or undefined for a real value. */
export function invalidIssues(value: unknown): string[] | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== "invalid") return undefined;
  const issues = (value as { invalid: unknown }).invalid;
  if (!Array.isArray(issues)) return undefined;
  return issues.map((issue: unknown) => {
    if (typeof issue === "string") return issue;
    if (typeof issue === "object" && issue !== null && "message" in issue) {
      const { message, path } = issue as { message: unknown; path?: unknown };
      return path ? `${String(path)}: ${String(message)}` : String(message);
    }
    return valueText(issue);
  });
}

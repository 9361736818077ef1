// Turns the first zod issue of a row into "field: problem" for a file:line message.
import type { z } from "zod";

export const ROW_FIELDS = ["id", "transcript", "gold", "meta", "audio"] as const;

type Issue = z.core.$ZodIssue;

/** `transcript[2].text` for the path ["transcript", 2, "text"]. */
export function fieldName(path: readonly PropertyKey[]): string {
  let name = "";
  for (const key of path) {
    if (typeof key === "number") name += `[${key}]`;
    else name += name === "" ? String(key) : `.${String(key)}`;
  }
  return name;
}

/**
 * A union fails as a whole ("must be a string or a list of turns"), but when one
 * branch got past the type check (a list whose third turn lacks `text`), that
 * branch's deeper issue is the useful one.
 */
function specific(issue: Issue): { path: PropertyKey[]; message: string; keys?: string[] } {
  if (issue.code === "invalid_union") {
    for (const branch of issue.errors) {
      const deeper = branch.find((inner) => inner.path.length > 0);
      if (deeper) {
        const inner = specific(deeper);
        return { ...inner, path: [...issue.path, ...inner.path] };
      }
    }
  }
  if (issue.code === "unrecognized_keys") {
    return { path: issue.path, message: issue.message, keys: issue.keys };
  }
  return { path: issue.path, message: issue.message };
}

export function describeIssues(issues: readonly Issue[]): { field?: string; problem: string } {
  const first = issues[0];
  if (!first) return { problem: "is invalid" };
  const { path, message, keys } = specific(first);
  // A misspelt field shows up twice: as missing, and as unknown. Name the unknown one so the typo is seen.
  const unknown = issues.find((issue) => issue !== first && issue.code === "unrecognized_keys");
  const also =
    unknown?.code === "unrecognized_keys"
      ? `; the row has unknown field(s) ${unknown.keys.map((key) => JSON.stringify(key)).join(", ")}: misspelt?`
      : "";
  const more = issues.length > 1 ? `${also} (and ${issues.length - 1} more problem(s) in this row)` : "";
  if (keys) {
    const where = path.length > 0 ? `${fieldName(path)}: ` : "";
    const list = keys.map((key) => JSON.stringify(key)).join(", ");
    return {
      problem: `${where}unknown field(s) ${list}; a row has only ${ROW_FIELDS.join(", ")}; put anything else under meta${more}`,
    };
  }
  return { field: fieldName(path), problem: `${message}${more}` };
}

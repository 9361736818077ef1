// A review item keeps what each model said on its field (model id → value); an output that failed the
// schema is kept as { invalid: issues } instead of a value.

/** The schema issues when a stored model value marks an invalid output; undefined for a real value. */
export function invalidIssues(raw: unknown): string[] | undefined {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const keys = Object.keys(raw);
  const issues = (raw as { invalid?: unknown }).invalid;
  if (keys.length !== 1 || !Array.isArray(issues)) return undefined;
  return issues.every((issue) => typeof issue === "string") ? issues : undefined;
}

/**
 * The value at a dotted field name ("caller.name"), or undefined when any step
 * is missing or not an object. Only own properties count, so a field named
 * "constructor" never reads Object.prototype. Keys that contain a dot cannot be
 * addressed; `fieldsFromSchema` names nested fields the same way.
 */
export function getPath(obj: unknown, path: string): unknown {
  let current: unknown = obj;
  for (const segment of segmentsOf(path)) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

// Field names are few and read once per output; splitting them each time showed up in profiles.
const segments = new Map<string, readonly string[]>();

function segmentsOf(path: string): readonly string[] {
  let split = segments.get(path);
  if (!split) {
    if (segments.size >= 1_000) segments.clear();
    split = path.split(".");
    segments.set(path, split);
  }
  return split;
}

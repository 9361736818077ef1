/**
 * The value at a dotted field name ("caller.name"), or undefined when any step
 * is missing or not an object. Only own properties count, so a field named
 * "constructor" never reads Object.prototype. Keys that contain a dot cannot be
 * addressed; `fieldsFromSchema` names nested fields the same way.
 */
export function getPath(obj: unknown, path: string): unknown {
  let current: unknown = obj;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

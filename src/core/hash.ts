import { createHash } from "node:crypto";

/** JSON with object keys sorted, so equal values always hash alike. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === "object" && !Array.isArray(item)) {
      const record = item as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(record)
          .sort()
          .map((key) => [key, record[key]]),
      );
    }
    return item;
  });
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A short content hash for display and for keys. */
export function contentHash(value: unknown): string {
  return sha256(typeof value === "string" ? value : stableStringify(value)).slice(0, 16);
}

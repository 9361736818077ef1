// Text normalisation shared by every matcher: one place decides what "the same text" means.

// Sentence punctuation a speaker or model adds at the end without changing the answer.
const TRAILING_PUNCTUATION = /[\s.,;:!?。、．，！？…]+$/u;

/**
 * NFKC first, so full-width Latin and digits become half-width and half-width
 * katakana become full-width; then case-folded with the locale-independent
 * `toLowerCase` (a Turkish locale must not change what matches).
 */
export function normaliseText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim().replace(TRAILING_PUNCTUATION, "");
}

/** JSON with object keys sorted, so key order never makes two values differ. */
export function stableJson(value: unknown): string {
  // A bigint would make JSON.stringify throw; its decimal text compares just as well.
  const json = JSON.stringify(sortKeys(value), (_key, v: unknown) =>
    typeof v === "bigint" ? v.toString() : v,
  );
  return json ?? String(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

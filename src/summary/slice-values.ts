// How a case's meta value names its slice: strings as they are, anything else as its JSON text, no value as
// "(none)", and past a key's most common values, "(other)".
import type { SliceValueRef } from "../store/slice-queries.js";

/** The slice of cases without the key (or with null for it). */
export const NO_VALUE = "(none)";
/** The slice of a key's least common values, past the most common `MAX_SLICE_VALUES - 1`. */
export const OTHER_VALUES = "(other)";
/** A key with more values than this keeps the most common and pools the rest, so reports stay readable. */
export const MAX_SLICE_VALUES = 50;

/** How a meta value is named in summaries and thresholds: strings as they are, anything else as JSON. */
export function sliceLabel(ref: SliceValueRef): string {
  if (ref.type === null || ref.type === "null" || ref.value === null) return NO_VALUE;
  if (ref.type === "true") return "true";
  if (ref.type === "false") return "false";
  return String(ref.value);
}

/** One stored value's identity: its JSON type and value (1 and "1" are different values). */
const refKey = (ref: SliceValueRef) => `${ref.type}\0${ref.value}`;

/**
 * Each stored value's label, and the cases per label: most common first, "(none)" and "(other)" last. `values` are
 * one key's values with their cases, most common first, as the store counts them.
 */
export function sliceValueLabels(values: Iterable<SliceValueRef & { cases: number }>): {
  labelOf: (ref: SliceValueRef) => string;
  cases: Map<string, number>;
} {
  const kept = new Map<string, string>();
  const counts = new Map<string, number>();
  let other = 0;
  let lastKept: { ref: string; label: string; cases: number } | undefined;
  for (const row of values) {
    const label = sliceLabel(row);
    if (kept.size < MAX_SLICE_VALUES || counts.has(label)) {
      kept.set(refKey(row), label);
      counts.set(label, (counts.get(label) ?? 0) + row.cases);
      lastKept = { ref: refKey(row), label, cases: row.cases };
    } else other += row.cases;
  }
  if (other > 0 && lastKept) {
    // Pooling begins one value earlier, so the key keeps MAX_SLICE_VALUES slices with "(other)".
    kept.delete(lastKept.ref);
    const left = (counts.get(lastKept.label) ?? 0) - lastKept.cases;
    if (left > 0) counts.set(lastKept.label, left);
    else counts.delete(lastKept.label);
    other += lastKept.cases;
  }
  const last = (label: string) => (label === NO_VALUE ? 1 : 0);
  const ordered = [...counts].sort((a, b) => last(a[0]) - last(b[0]) || b[1] - a[1]);
  if (other > 0) ordered.push([OTHER_VALUES, other]);
  return { labelOf: (ref) => kept.get(refKey(ref)) ?? OTHER_VALUES, cases: new Map(ordered) };
}

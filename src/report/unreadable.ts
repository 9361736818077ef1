// Values the matchers could not read, as every report states them: they are in no accuracy, so a matcher's
// gap shows as a count here rather than as a silent drop in a score.
import type { RunSummary } from "../core/summary.js";

export interface UnreadableCount {
  model: string;
  total: number;
  /** field → count, only fields with some. */
  fields: [string, number][];
}

/** Models with at least one unreadable value; empty when the run has none. */
export function unreadableCounts(summary: RunSummary): UnreadableCount[] {
  return summary.models
    .filter((m) => (m.unreadable ?? 0) > 0)
    .map((m) => ({
      model: m.id,
      total: m.unreadable ?? 0,
      fields: Object.entries(m.fields)
        .map(([field, f]): [string, number] => [field, f.unreadable ?? 0])
        .filter(([, n]) => n > 0),
    }));
}

/** One line for the console and report.md, or undefined when no value was unreadable. */
export function unreadableLine(
  summary: RunSummary,
  code: (text: string) => string = (t) => t,
): string | undefined {
  const counts = unreadableCounts(summary);
  if (counts.length === 0) return undefined;
  const parts = counts.map(
    (c) => `${code(c.model)} ${c.total} (${c.fields.map(([field, n]) => `${code(field)} ${n}`).join(", ")})`,
  );
  return `unreadable values, in no accuracy and queued for review: ${parts.join("; ")}`;
}

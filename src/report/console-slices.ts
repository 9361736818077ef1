// The terminal tables of the suite's slices: per meta key, each value's fieldAccuracy per model with its interval.
import { byCodePoint, interval, pct, table } from "../core/format.js";
import { inert } from "../core/inert.js";
import type { RunSummary, SliceModelMetrics, SliceValueSummary } from "../core/summary.js";
import { NO_VALUE, OTHER_VALUES } from "../summary/slice-values.js";

/** A warning for a key that no case has (every case is in "(none)"); undefined when some case has it. */
export function sliceWarning(key: string, values: Record<string, SliceValueSummary>): string | undefined {
  const names = Object.keys(values);
  if (names.length > 1 || (names[0] !== undefined && names[0] !== NO_VALUE)) return undefined;
  return `no case has the meta key "${key}" named in slices; check its spelling against the dataset's meta`;
}

/** A slice's values in report order: most cases first, "(none)" and "(other)" last (JSON keys lose the order). */
export function sliceValuesInOrder(values: Record<string, SliceValueSummary>): [string, SliceValueSummary][] {
  const last = (name: string) => (name === NO_VALUE || name === OTHER_VALUES ? 1 : 0);
  return Object.entries(values).sort(
    ([a, x], [b, y]) => last(a) - last(b) || y.cases - x.cases || byCodePoint(a, b),
  );
}

/** "84.0% [72.1–91.3%] n=25", or "—" when the model has nothing scored in the slice. */
export function sliceAccuracy(metrics: SliceModelMetrics | undefined): string {
  if (!metrics || metrics.fieldAccuracy === null) return "—";
  return [pct(metrics.fieldAccuracy), interval(metrics.ci95), `n=${metrics.n}`].filter(Boolean).join(" ");
}

/** Untrusted meta text on one table line. */
function one(text: string): string {
  return inert(text).replace(/\s+/g, " ");
}

/** One table per sliced key, each preceded by a blank line; none when the suite names no slices. */
export function slicesConsole(summary: RunSummary): string[] {
  const out: string[] = [];
  for (const [key, values] of Object.entries(summary.slices ?? {})) {
    out.push("");
    const warning = sliceWarning(key, values);
    if (warning) {
      out.push(`slices: ${one(warning)}`);
      continue;
    }
    out.push(
      table(
        [`${one(key)} (field acc, 95% CI)`, "cases", ...summary.models.map((m) => inert(m.id))],
        sliceValuesInOrder(values).map(([value, slice]) => [
          one(value),
          String(slice.cases),
          ...summary.models.map((m) => sliceAccuracy(slice.models[m.id])),
        ]),
        ["l", "r", ...summary.models.map(() => "r" as const)],
      ),
    );
  }
  return out;
}

// Confusion matrices of enum fields: per model, which value it gave for which gold value (which intent is taken
// for which), with the answers that are no value apart. Counted by the store; a few cells per field and model.
import { byCodePoint } from "../core/format.js";
import type { ConfusionMatrix } from "../core/summary.js";
import { type ConfusionCount, confusionCounts } from "../store/confusion-counts.js";
import type { RunRecord, Store } from "../store/index.js";

export const MISSING = "(missing)";
export const INVALID = "(invalid)";
export const UNREADABLE = "(unreadable)";
export const OTHER = "(other)";
/** Values beyond this many, the least frequent, are summed into one `(other)` row and column. */
const MAX_VALUES = 20;

/** A cell on the diagonal: the answer is the gold value (`(other)` holds several values, so never). */
export function isDiagonal(row: string, column: string): boolean {
  return row === column && row !== OTHER;
}

/** model id → enum field → its matrix; only models and fields with scored calls. */
export function confusionMatrices(
  store: Store,
  run: RunRecord,
): Map<string, Record<string, ConfusionMatrix>> {
  const fields = run.fields.filter((field) => field.match.kind === "enum").map((field) => field.name);
  const groups = new Map<string, ConfusionCount[]>();
  for (const row of confusionCounts(store.db, run.id, fields)) {
    const key = `${row.modelId}\0${row.field}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const result = new Map<string, Record<string, ConfusionMatrix>>();
  for (const model of run.models) {
    // In the schema's field order, as every other table lists fields.
    const byField: Record<string, ConfusionMatrix> = {};
    for (const field of fields) {
      const rows = groups.get(`${model.id}\0${field}`);
      if (rows) byField[field] = matrix(rows);
    }
    if (Object.keys(byField).length > 0) result.set(model.id, byField);
  }
  return result;
}

function matrix(rows: ConfusionCount[]): ConfusionMatrix {
  // Values in one order for rows and columns, most frequent first, so the diagonal runs corner to corner.
  const weight = new Map<string, number>();
  for (const row of rows) {
    for (const value of [row.gold, answered(row) ? row.predicted : null])
      if (value !== null) weight.set(value, (weight.get(value) ?? 0) + row.n);
  }
  const ordered = [...weight].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])).map(([value]) => value);
  const kept = new Set(ordered.slice(0, MAX_VALUES));
  const label = (value: string | null) => (value === null ? MISSING : kept.has(value) ? value : OTHER);
  const cells = new Map<string, number>();
  const rowLabels = new Set<string>();
  const columnLabels = new Set<string>();
  for (const row of rows) {
    const gold = label(row.gold);
    const answer =
      row.outcome === "invalid" ? INVALID : row.outcome === "unreadable" ? UNREADABLE : label(row.predicted);
    rowLabels.add(gold);
    columnLabels.add(answer);
    cells.set(`${gold}\0${answer}`, (cells.get(`${gold}\0${answer}`) ?? 0) + row.n);
  }
  const order = [...ordered.filter((value) => kept.has(value)), OTHER, MISSING, INVALID, UNREADABLE];
  const rowList = order.filter((l) => rowLabels.has(l));
  // Every gold value has its column, even one no answer gave, so the diagonal is whole.
  const columnList = order.filter((l) => columnLabels.has(l) || (rowLabels.has(l) && l !== OTHER));
  const counts = rowList.map((r) => columnList.map((c) => cells.get(`${r}\0${c}`) ?? 0));
  return {
    rows: rowList,
    columns: columnList,
    counts,
    n: counts.flat().reduce((sum, n) => sum + n, 0),
  };
}

/** An answer that was read as a value of the field (not an invalid output or an unreadable value). */
function answered(row: ConfusionCount): boolean {
  return row.outcome !== "invalid" && row.outcome !== "unreadable";
}

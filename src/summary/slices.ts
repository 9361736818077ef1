// summary.json's `slices`: each model's accuracy on the cases of each value of the meta keys the suite names.
// The store streams scores counted per case; one pass sums them per value, model and field (and pair of fields,
// for fieldAccuracy's interval), so a run of any size costs a few numbers per value, model and field.
import type { Config } from "../config/schema.js";
import type { SliceFieldMetrics, SliceModelMetrics, SliceValueSummary } from "../core/summary.js";
import { isAutoScored } from "../scoring/matchers/index.js";
import { mean, wilson } from "../scoring/metrics.js";
import type { RunRecord, Store } from "../store/index.js";
import { sliceValueLabels } from "./slice-values.js";

export { MAX_SLICE_VALUES, NO_VALUE, OTHER_VALUES } from "./slice-values.js";

const Z95 = 1.959964;

/**
 * The config's slice keys for one of its suite's runs; none for a run of another suite, as when a run is
 * reported from a folder whose config belongs to a different suite.
 */
export function slicesFor(
  config: Pick<Config, "name" | "slices"> | undefined,
  run: Pick<RunRecord, "suite">,
): readonly string[] | undefined {
  return config && config.name === run.suite ? config.slices : undefined;
}

/** meta key → value → per-model accuracy; keys in the order given. */
export function slicesSummary(
  store: Store,
  run: RunRecord,
  keys: readonly string[],
): Record<string, Record<string, SliceValueSummary>> {
  const scored = new Set(run.fields.filter((f) => isAutoScored(f.match)).map((f) => f.name));
  const order = run.fields.map((f) => f.name).filter((name) => scored.has(name));
  const result: Record<string, Record<string, SliceValueSummary>> = {};
  for (const key of keys) result[key] = keySummary(store, run, key, scored, order);
  return result;
}

/**
 * One value × model: per field, scored calls (`n`) and correct ones, and over cases the sums of products
 * (correct·correct, correct·scored, scored·scored per pair of fields) that the clustered variance needs, so one
 * streamed pass gives both.
 */
interface Cell {
  n: Float64Array;
  correct: Float64Array;
  cc: Float64Array;
  ck: Float64Array;
  kk: Float64Array;
  cases: number;
}

function keySummary(
  store: Store,
  run: RunRecord,
  key: string,
  scored: Set<string>,
  order: string[],
): Record<string, SliceValueSummary> {
  const { labelOf, cases } = sliceValueLabels(store, run.id, key);
  const index = new Map(order.map((name, i) => [name, i]));
  const size = order.length;
  const cells = new Map<string, Map<string, Cell>>();
  const cellOf = (label: string, model: string): Cell => {
    const byModel = cells.get(label) ?? new Map<string, Cell>();
    cells.set(label, byModel);
    let cell = byModel.get(model);
    if (!cell) {
      const square = () => new Float64Array(size * size);
      cell = {
        n: new Float64Array(size),
        correct: new Float64Array(size),
        cc: square(),
        ck: square(),
        kk: square(),
        cases: 0,
      };
      byModel.set(model, cell);
    }
    return cell;
  };
  // One case of one model at a time: the store streams each model's cases together.
  let current: { id: string; cell: Cell; fields: number[]; c: number[]; k: number[] } | undefined;
  const close = () => {
    if (!current) return;
    const { cell, fields, c, k } = current;
    cell.cases++;
    for (const [x, f] of fields.entries()) {
      cell.n[f] = (cell.n[f] ?? 0) + (k[x] ?? 0);
      cell.correct[f] = (cell.correct[f] ?? 0) + (c[x] ?? 0);
      for (const [y, g] of fields.entries()) {
        const at = f * size + g;
        cell.cc[at] = (cell.cc[at] ?? 0) + (c[x] ?? 0) * (c[y] ?? 0);
        cell.ck[at] = (cell.ck[at] ?? 0) + (c[x] ?? 0) * (k[y] ?? 0);
        cell.kk[at] = (cell.kk[at] ?? 0) + (k[x] ?? 0) * (k[y] ?? 0);
      }
    }
  };
  for (const row of store.results.sliceCaseRows(run.id, key)) {
    const f = index.get(row.field);
    if (f === undefined || !scored.has(row.field) || row.n === 0) continue;
    const id = `${row.modelId}\0${row.caseId}`;
    if (current?.id !== id) {
      close();
      current = { id, cell: cellOf(labelOf(row), row.modelId), fields: [], c: [], k: [] };
    }
    current.fields.push(f);
    current.c.push(row.correct);
    current.k.push(row.n);
  }
  close();
  const result: Record<string, SliceValueSummary> = {};
  for (const [label, count] of cases) {
    const models: Record<string, SliceModelMetrics> = {};
    for (const model of run.models) {
      const cell = cells.get(label)?.get(model.id);
      if (cell) models[model.id] = modelMetrics(cell, order);
    }
    result[label] = { cases: count, models };
  }
  return result;
}

/**
 * The variance of fieldAccuracy (the mean of F field accuracies) clustered by case: a case's fields and
 * repetitions move it together, so the case is the unit, as in the whole run's bootstrap. Case i's influence is
 * ψᵢ = Σ_f (cᵢf − kᵢf·p_f) / (F·n_f); Σψᵢ², expanded, needs only the sums of products the cell holds.
 */
function clusteredVariance(cell: Cell, present: number[]): number {
  const size = cell.n.length;
  const F = present.length;
  const a = (f: number) => 1 / (F * (cell.n[f] ?? 1));
  const b = (f: number) => (cell.correct[f] ?? 0) / (F * (cell.n[f] ?? 1) ** 2);
  let sum = 0;
  for (const f of present) {
    for (const g of present) {
      const at = f * size + g;
      sum +=
        a(f) * a(g) * (cell.cc[at] ?? 0) -
        2 * a(f) * b(g) * (cell.ck[at] ?? 0) +
        b(f) * b(g) * (cell.kk[at] ?? 0);
    }
  }
  const g = cell.cases;
  return (Math.max(0, sum) * g) / (g - 1);
}

function modelMetrics(cell: Cell, order: string[]): SliceModelMetrics {
  const fields: Record<string, SliceFieldMetrics> = {};
  const present: number[] = [];
  for (const [f, name] of order.entries()) {
    const n = cell.n[f] ?? 0;
    const correct = cell.correct[f] ?? 0;
    if (n === 0) continue;
    present.push(f);
    fields[name] = { accuracy: correct / n, ci95: wilson(correct, n), n, correct };
  }
  const fieldAccuracy = mean(Object.values(fields).map((f) => f.correct / f.n));
  const stdError =
    cell.cases < 2 || fieldAccuracy === null ? null : Math.sqrt(clusteredVariance(cell, present));
  return {
    fieldAccuracy,
    ci95:
      stdError === null || fieldAccuracy === null
        ? null
        : [Math.max(0, fieldAccuracy - Z95 * stdError), Math.min(1, fieldAccuracy + Z95 * stdError)],
    stdError,
    n: cell.cases,
    fields,
  };
}

// summary.json's `slices`: each model's accuracy on the cases of each value of the meta keys the suite names.
// The store streams scores counted per case; one pass, for every key at once, sums them per value, model and
// field (and pair of fields, for fieldAccuracy's interval). Only each case's label per key is held, so a run of
// any size costs a few strings per case and a few numbers per value, model and field.
import type { Config } from "../config/schema.js";
import type { SliceFieldMetrics, SliceModelMetrics, SliceValueSummary } from "../core/summary.js";
import { isAutoScored } from "../scoring/matchers/index.js";
import { mean, wilson } from "../scoring/metrics.js";
import type { RunRecord, Store } from "../store/index.js";
import type { SliceValueCount } from "../store/slice-queries.js";
import { NO_VALUE, sliceValueLabels } from "./slice-values.js";

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
  if (keys.length === 0) return {};
  const scored = new Set(run.fields.filter((f) => isAutoScored(f.match)).map((f) => f.name));
  const order = run.fields.map((f) => f.name).filter((name) => scored.has(name));
  const index = new Map(order.map((name, i) => [name, i]));
  const labelled = keyLabels(store, run.id, keys);
  const caseLabels = labelsByCase(store, run.id, keys, labelled);
  // key → label → model → cell
  const cells = keys.map(() => new Map<string, Map<string, Cell>>());
  const cellOf = (key: number, label: string, model: string): Cell => {
    const byLabel = cells[key] as Map<string, Map<string, Cell>>;
    const byModel = byLabel.get(label) ?? new Map<string, Cell>();
    byLabel.set(label, byModel);
    let cell = byModel.get(model);
    if (!cell) {
      cell = emptyCell(order.length);
      byModel.set(model, cell);
    }
    return cell;
  };
  // One case of one model at a time: the store streams each model's cases together.
  let current: { modelId: string; caseId: string; fields: number[]; c: number[]; k: number[] } | undefined;
  const close = () => {
    if (!current) return;
    const labels = caseLabels.get(current.caseId);
    for (let key = 0; key < keys.length; key++) {
      addCase(cellOf(key, labels?.[key] ?? NO_VALUE, current.modelId), current, order.length);
    }
  };
  for (const row of store.results.caseFieldScores(run.id)) {
    const f = index.get(row.field);
    if (f === undefined || row.n === 0) continue;
    if (current?.modelId !== row.modelId || current.caseId !== row.caseId) {
      close();
      current = { modelId: row.modelId, caseId: row.caseId, fields: [], c: [], k: [] };
    }
    current.fields.push(f);
    current.c.push(row.correct);
    current.k.push(row.n);
  }
  close();
  const result: Record<string, Record<string, SliceValueSummary>> = {};
  keys.forEach((key, i) => {
    const values: Record<string, SliceValueSummary> = {};
    for (const [label, count] of labelled[i]?.cases ?? []) {
      const models: Record<string, SliceModelMetrics> = {};
      for (const model of run.models) {
        const cell = cells[i]?.get(label)?.get(model.id);
        if (cell) models[model.id] = modelMetrics(cell, order);
      }
      values[label] = { cases: count, models };
    }
    result[key] = values;
  });
  return result;
}

/** Per key, in the order given: how each stored value is labelled, and the cases per label. */
function keyLabels(
  store: Store,
  runId: string,
  keys: readonly string[],
): ReturnType<typeof sliceValueLabels>[] {
  const counts = keys.map((): SliceValueCount[] => []);
  for (const row of store.results.sliceValueCounts(runId, keys)) counts[row.key]?.push(row);
  return counts.map((rows) => sliceValueLabels(rows));
}

/** case id → its label for each key, in the order given. */
function labelsByCase(
  store: Store,
  runId: string,
  keys: readonly string[],
  labelled: ReturnType<typeof sliceValueLabels>[],
): Map<string, string[]> {
  const byCase = new Map<string, string[]>();
  for (const row of store.results.sliceCaseValues(runId, keys)) {
    let labels = byCase.get(row.caseId);
    if (!labels) {
      labels = keys.map(() => NO_VALUE);
      byCase.set(row.caseId, labels);
    }
    labels[row.key] = labelled[row.key]?.labelOf(row) ?? NO_VALUE;
  }
  return byCase;
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

function emptyCell(size: number): Cell {
  return {
    n: new Float64Array(size),
    correct: new Float64Array(size),
    cc: new Float64Array(size * size),
    ck: new Float64Array(size * size),
    kk: new Float64Array(size * size),
    cases: 0,
  };
}

/** Adds one case's scored and correct calls per field, and their products per pair of fields, to a cell. */
function addCase(cell: Cell, one: { fields: number[]; c: number[]; k: number[] }, size: number): void {
  const { fields, c, k } = one;
  cell.cases++;
  // Indexed loops: this runs for every case of every model and key, often before the JIT has warmed up.
  for (let x = 0; x < fields.length; x++) {
    const f = fields[x] ?? 0;
    const cx = c[x] ?? 0;
    const kx = k[x] ?? 0;
    cell.n[f] = (cell.n[f] ?? 0) + kx;
    cell.correct[f] = (cell.correct[f] ?? 0) + cx;
    for (let y = 0; y < fields.length; y++) {
      const at = f * size + (fields[y] ?? 0);
      const cy = c[y] ?? 0;
      const ky = k[y] ?? 0;
      cell.cc[at] = (cell.cc[at] ?? 0) + cx * cy;
      cell.ck[at] = (cell.ck[at] ?? 0) + cx * ky;
      cell.kk[at] = (cell.kk[at] ?? 0) + kx * ky;
    }
  }
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

// Comparing two runs (or baseline files): per model and field, what changed and which calls flipped.
import { gatesSchema } from "../config/schema.js";
import type { Suite } from "../config/suite.js";
import type { GateCheck } from "../gate/index.js";
import { regressionChecks } from "../gate/regression.js";
import { resolveBaseline } from "./baseline.js";
import { type OpenStoreOptions, withStore } from "./store.js";

export interface Comparison {
  /** The reference (run id of A) and the candidate (run id of B). */
  a: string;
  b: string;
  /** One check per model × field (and overall), with deltas, intervals, p-values and flipped calls. */
  checks: GateCheck[];
}

/**
 * Run A is the reference, run B the candidate; each is a run id in the store or a baseline file.
 * @example const { checks } = await compare(suite, "reports/baseline/summary.json", runId);
 */
export async function compare(
  suite: Suite | undefined,
  runA: string,
  runB: string,
  options: Omit<OpenStoreOptions, "mustExist"> = {},
): Promise<Comparison> {
  return withStore(suite, { ...options, mustExist: true }, (store) => {
    const a = resolveBaseline(store, runA, options.cwd);
    const b = resolveBaseline(store, runB, options.cwd);
    const settings = gatesSchema.parse({ regression: { baseline: runA } }).regression;
    if (!settings) throw new Error("regression defaults missing");
    return { a: a.runId, b: b.runId, checks: regressionChecks(b, a, settings) };
  });
}

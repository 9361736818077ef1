// Runs one replay suite through callgrade's whole run path in a process of its own, and reports the
// process's peak resident memory at the end: the figure the memory scenario compares across sizes.
import { tuneHeap } from "../src/cli/heap.js";
import { callgradeRun } from "./callgrade-run.js";
import { peakRssMb } from "./measure.js";
import { answered } from "./scenarios/openai-models.js";

export interface MemoryReport {
  type: "memory";
  maxRssMb: number;
  wallMs: number;
  answered: number;
  /** Why the run failed, when it did: the peak up to the failure is still reported. */
  error?: string;
}

// As the CLI does before any command.
tuneHeap();
const [configFile, budget, store] = process.argv.slice(2);
if (!configFile) throw new Error("usage: memory-child.ts CONFIG_FILE BUDGET_MS [STORE]");
// The bench gone (its channel closed) or the budget spent: stop sending, and end.
const stop = AbortSignal.timeout(Number(budget ?? 600_000));
const controller = new AbortController();
process.once("disconnect", () => controller.abort());
const started = performance.now();
let done = 0;
let error: string | undefined;
try {
  const run = await callgradeRun(configFile, {
    useCache: false,
    signal: AbortSignal.any([stop, controller.signal]),
    ...(store ? { store } : {}),
  });
  done = answered(run.summary);
} catch (failure) {
  error = failure instanceof Error ? failure.message : String(failure);
}
const report: MemoryReport = {
  type: "memory",
  maxRssMb: peakRssMb(),
  wallMs: performance.now() - started,
  answered: done,
  ...(error === undefined ? {} : { error }),
};
process.send?.(report);
process.disconnect?.();

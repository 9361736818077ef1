// One phase of a batch run, submit or collect, in a process of its own as a user would run it (submit, exit,
// collect later from another process); reports its wall time and the process's peak resident memory.
import { run } from "../src/api/run.js";
import { tuneHeap } from "../src/cli/heap.js";
import { loadSuite } from "../src/load/config.js";
import type { RunEvent } from "../src/runner/index.js";
import { peakRssMb } from "./measure.js";
import { answered } from "./scenarios/openai-models.js";

export type BatchPhase = "submit" | "collect";

export interface BatchReport {
  type: "batch";
  phase: BatchPhase;
  wallMs: number;
  maxRssMb: number;
  /** Submit: the requests in the batches it made. Collect: the calls answered. */
  calls: number;
  /** When the run's milestones came, and the peak RSS by then: where the phase's time and memory went. */
  marks: string;
  /** Why the phase failed, when it did: the peak up to the failure is still reported. */
  error?: string;
}

const MARKED = new Set<RunEvent["type"]>([
  "run-started",
  "batch-submitted",
  "batch-collected",
  "run-finished",
]);

// As the CLI does before any command.
tuneHeap();
const [configFile, store, phase, budget] = process.argv.slice(2);
if (!configFile || !store || (phase !== "submit" && phase !== "collect")) {
  throw new Error("usage: batch-child.ts CONFIG_FILE STORE submit|collect BUDGET_MS");
}
// The bench gone (its channel closed) or the budget spent: stop, and end.
const stop = AbortSignal.timeout(Number(budget ?? 600_000));
const controller = new AbortController();
process.once("disconnect", () => controller.abort());
const started = performance.now();
const marks: string[] = [];
// The peak so far at each milestone: which step raised it.
const onEvent = (event: RunEvent) => {
  if (!MARKED.has(event.type)) return;
  const at = ((performance.now() - started) / 1000).toFixed(2);
  marks.push(`${event.type} ${at} s ${peakRssMb().toFixed(0)} MB`);
};
let calls = 0;
let error: string | undefined;
try {
  const suite = await loadSuite(configFile);
  const common = {
    store,
    env: { OPENAI_API_KEY: "sk-bench" },
    signal: AbortSignal.any([stop, controller.signal]),
    onEvent,
  };
  if (phase === "submit") {
    const result = await run(suite, { ...common, cache: false, batch: { all: true, wait: false } });
    calls = result.batches.reduce((sum, b) => sum + b.requests, 0);
    if (result.status !== "interrupted" || result.batches.some((b) => b.state !== "submitted")) {
      const states = result.batches.map((b) => b.state).join(", ");
      error = `submit ended ${result.status} with batches ${states || "none"}`;
    }
  } else {
    // With the cache on, as `callgrade run --resume` has it: each answer is also written to the cache.
    const result = await run(suite, { ...common, resume: true, batch: { pollMs: 50 } });
    calls = answered(result.summary);
    if (result.status !== "finished" || result.exitCode !== 0) {
      error = `collect ended ${result.status}, exit code ${result.exitCode}`;
    }
  }
} catch (failure) {
  error = failure instanceof Error ? failure.message : String(failure);
}
const report: BatchReport = {
  type: "batch",
  phase,
  wallMs: performance.now() - started,
  maxRssMb: peakRssMb(),
  calls,
  marks: marks.join(", "),
  ...(error === undefined ? {} : { error }),
};
process.send?.(report);
process.disconnect?.();

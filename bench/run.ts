// Runs every scenario, each within its time budget, and gathers the rows and the raw figures.
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { withTimeout } from "./measure.js";
import type { Sizes } from "./scale.js";
import { batchScenario } from "./scenarios/batch.js";
import { longCallsScenario } from "./scenarios/long-calls.js";
import { memoryScenario } from "./scenarios/memory.js";
import { rateLimitScenario } from "./scenarios/rate-limit.js";
import { reviewScenario } from "./scenarios/review.js";
import { scoringScenario } from "./scenarios/scoring.js";
import { startupScenario } from "./scenarios/startup.js";
import { teamStoreScenario } from "./scenarios/team-store.js";
import { throughputScenario } from "./scenarios/throughput.js";
import { type Row, row, type ScenarioResult } from "./table.js";

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  platform: string;
  memoryGb: number;
  /** 1-minute load average when the bench started: another busy process skews every figure. */
  loadAverage: number;
}

export interface BenchResults {
  mode: Sizes["name"];
  startedAt: string;
  durationMs: number;
  machine: Machine;
  rows: Row[];
  scenarios: Record<string, ScenarioResult["details"]>;
  notes: string[];
  /** Every row with a target met it. */
  passed: boolean;
}

interface Scenario {
  name: string;
  budgetMs: number;
  run: (sizes: Sizes, budgetMs: number) => Promise<ScenarioResult>;
}

export const SCENARIOS: Scenario[] = [
  { name: "throughput", budgetMs: 240_000, run: throughputScenario },
  { name: "long calls", budgetMs: 180_000, run: longCallsScenario },
  { name: "rate limit", budgetMs: 120_000, run: rateLimitScenario },
  { name: "scoring", budgetMs: 120_000, run: (sizes) => scoringScenario(sizes) },
  { name: "review queue", budgetMs: 120_000, run: (sizes) => reviewScenario(sizes) },
  { name: "start-up", budgetMs: 120_000, run: (sizes) => startupScenario(sizes) },
  { name: "memory", budgetMs: 480_000, run: memoryScenario },
  { name: "team store", budgetMs: 600_000, run: teamStoreScenario },
  { name: "batch", budgetMs: 600_000, run: batchScenario },
];

export function machine(): Machine {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg()[0] ?? 0,
  };
}

/** A scenario that threw or ran out of time still gets a row: a missed target, saying why. */
function failed(name: string, error: unknown): ScenarioResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    scenario: name,
    rows: [
      row({
        scenario: name,
        measure: "did not finish",
        value: Number.NaN,
        unit: "",
        shown: "failed: see notes",
        pass: false,
      }),
    ],
    details: { error: message },
    notes: [`${name}: ${message}`],
  };
}

/** The scenarios' names, as --only takes them. */
export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((scenario) => scenario.name);

export async function runBench(
  sizes: Sizes,
  log: (line: string) => void = () => {},
  only?: readonly string[],
): Promise<BenchResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const info = machine();
  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) {
    if (only && !only.includes(scenario.name)) continue;
    log(`${scenario.name}…`);
    const began = performance.now();
    try {
      // The scenario's own waits are bounded by the same budget; this is the backstop.
      const work = scenario.run(sizes, scenario.budgetMs);
      results.push(await withTimeout(work, scenario.budgetMs + 60_000, scenario.name));
    } catch (error) {
      results.push(failed(scenario.name, error));
    }
    log(`${scenario.name}: ${((performance.now() - began) / 1000).toFixed(1)} s`);
  }
  const rows = results.flatMap((result) => result.rows);
  return {
    mode: sizes.name,
    startedAt,
    durationMs: performance.now() - started,
    machine: info,
    rows,
    scenarios: Object.fromEntries(results.map((result) => [result.scenario, result.details])),
    notes: results.flatMap((result) => result.notes ?? []),
    passed: rows.every((r) => r.pass !== false),
  };
}

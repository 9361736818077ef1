// Memory: two replay runs (2 models each) in fresh processes, one ten times the other; the larger one's peak
// RSS must stay under a ceiling and close to the smaller one's: memory must not grow with the call count.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { forkTs, nextMessage, stopChild } from "../child.js";
import { percent, seconds } from "../measure.js";
import type { MemoryReport } from "../memory-child.js";
import type { Sizes } from "../scale.js";
import { tempDir, writeReplaySuite } from "../suite.js";
import { row, type ScenarioResult } from "../table.js";

const CHILD = fileURLToPath(new URL("../memory-child.ts", import.meta.url));
const MODELS = 2;
const CEILING_MB = 300;

const isReport = (message: unknown): message is MemoryReport =>
  typeof message === "object" && message !== null && "type" in message && message.type === "memory";

/** A replay run of `cases` cases × 2 models in a process of its own, on its suite's store or on `store`. */
export async function peak(cases: number, budgetMs: number, store?: string): Promise<MemoryReport> {
  const dir = tempDir("memory");
  try {
    // Written here, not in the child: making the files must not count towards the child's memory.
    const suite = writeReplaySuite(dir, cases);
    const child = forkTs(CHILD, [suite.configFile, String(budgetMs), ...(store ? [store] : [])]);
    try {
      return await nextMessage(child, isReport, budgetMs + 30_000, `memory run of ${cases} cases`);
    } finally {
      await stopChild(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function memoryScenario(sizes: Sizes, budgetMs: number): Promise<ScenarioResult> {
  const { small, large } = sizes.memory;
  const smallRun = await peak(small, budgetMs / 4);
  const largeRun = await peak(large, budgetMs);
  const growth = largeRun.maxRssMb / smallRun.maxRssMb - 1;
  const complete = largeRun.answered === large * MODELS && !largeRun.error && !smallRun.error;
  const notes = [smallRun, largeRun].flatMap((run, i) =>
    run.error ? [`memory: the run of ${i === 0 ? small : large} cases failed: ${run.error}`] : [],
  );
  const mb = (value: number) => `${value.toFixed(0)} MB`;
  return {
    scenario: "memory",
    rows: [
      row({
        scenario: "memory",
        measure: `peak RSS, ${large} cases × ${MODELS} replay models`,
        value: largeRun.maxRssMb,
        unit: "MB",
        shown: `${mb(largeRun.maxRssMb)} (run ${seconds(largeRun.wallMs)}${complete ? "" : ", FAILED: see notes"})`,
        target: `≤ ${CEILING_MB} MB`,
        ideal: mb(smallRun.maxRssMb),
        pass: complete && largeRun.maxRssMb <= CEILING_MB,
      }),
      row({
        scenario: "memory",
        measure: `peak RSS growth over ${small} cases`,
        value: growth,
        unit: "share",
        shown: `+${percent(growth)} (${mb(smallRun.maxRssMb)} → ${mb(largeRun.maxRssMb)})`,
        target: "≤ +10%",
        ideal: "0%",
        pass: complete && growth <= 0.1,
      }),
    ],
    notes,
    details: {
      ...(largeRun.error ? { largeError: largeRun.error } : {}),
      ...(smallRun.error ? { smallError: smallRun.error } : {}),
      smallCases: small,
      largeCases: large,
      smallMaxRssMb: smallRun.maxRssMb,
      largeMaxRssMb: largeRun.maxRssMb,
      smallWallMs: smallRun.wallMs,
      largeWallMs: largeRun.wallMs,
      largeAnswered: largeRun.answered,
    },
  };
}

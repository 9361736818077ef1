// Scoring: re-scoring every stored output of a finished run (what `callgrade report` does for an old run).
import { rmSync } from "node:fs";
import path from "node:path";
import { scoreRun } from "../../src/runner/score-run.js";
import { Store } from "../../src/store/index.js";
import { measure, seconds } from "../measure.js";
import type { Sizes } from "../scale.js";
import { seedRun } from "../seed-store.js";
import { tempDir } from "../suite.js";
import { row, type ScenarioResult } from "../table.js";

const TARGET = 20_000;

export async function scoringScenario(sizes: Sizes): Promise<ScenarioResult> {
  const outputs = sizes.scoringOutputs;
  const dir = tempDir("scoring");
  const store = Store.open(path.join(dir, "store.db"));
  try {
    const run = seedRun(store, { cases: Math.ceil(outputs / 2), gold: true });
    // The run's own scoring, untimed: what is measured is scoring again a run that has scores.
    scoreRun(store, run);
    const timed = await measure(() => scoreRun(store, run));
    const perSecond = (Math.ceil(outputs / 2) * 2) / (timed.wallMs / 1000);
    return {
      scenario: "scoring",
      rows: [
        row({
          scenario: "scoring",
          measure: `re-score ${outputs} stored outputs`,
          value: perSecond,
          unit: "outputs/s",
          shown: `${Math.round(perSecond).toLocaleString("en-US")}/s (${seconds(timed.wallMs)})`,
          target: `≥ ${TARGET.toLocaleString("en-US")}/s`,
          pass: perSecond >= TARGET,
        }),
      ],
      details: { outputs, wallMs: timed.wallMs, cpuMs: timed.cpuMs },
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

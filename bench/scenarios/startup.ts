// Start-up: what a user waits for before callgrade does anything, as ratios to starting Node itself, measured
// in the same run (so a slower or busier machine moves both): `--version`, `--help`, and `report` on the demo
// suite (config loaded, store opened, every stored output re-scored, four report files written).
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "../measure.js";
import type { Sizes } from "../scale.js";
import { tempDir } from "../suite.js";
import { row, type ScenarioResult } from "../table.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = path.join(ROOT, "dist", "cli.js");
const CONFIG = path.join(ROOT, "callgrade.config.ts");

interface Command {
  name: string;
  args: string[];
  /** The largest wall time allowed, as a multiple of `node -e 0`'s; none for the reference itself. */
  limit?: number;
}

function wallMs(args: string[]): number {
  const began = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "", CI: "1" },
  });
  const took = performance.now() - began;
  if (result.status !== 0) {
    throw new Error(
      `node ${args.join(" ")} exited ${result.status}: ${result.stderr.toString().slice(0, 500)}`,
    );
  }
  return took;
}

export async function startupScenario(sizes: Sizes): Promise<ScenarioResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`);
  const dir = tempDir("startup");
  try {
    const store = path.join(dir, "store.db");
    const out = path.join(dir, "out");
    // The run to report on, and a first report that fills jiti's transpile cache: both untimed.
    wallMs([CLI, "run", "--config", CONFIG, "--store", store, "--out", out, "--reporter", "json"]);
    const commands: Command[] = [
      { name: "node -e 0", args: ["-e", "0"] },
      { name: "callgrade --version", args: [CLI, "--version"], limit: 1.5 },
      { name: "callgrade --help", args: [CLI, "--help"], limit: 2.5 },
      {
        name: "callgrade report (demo suite)",
        args: [CLI, "report", "--config", CONFIG, "--store", store, "--out", out],
        limit: 4,
      },
    ];
    wallMs(commands[3]?.args ?? []);
    const times = new Map(commands.map((command) => [command.name, [] as number[]]));
    for (let round = 0; round < sizes.startup.rounds; round++) {
      for (const command of commands) times.get(command.name)?.push(wallMs(command.args));
    }
    const medians = new Map([...times].map(([name, values]) => [name, median(values)]));
    const node = medians.get("node -e 0") ?? Number.NaN;
    const rows = commands.map((command) => {
      const ms = medians.get(command.name) ?? Number.NaN;
      if (command.limit === undefined) {
        return row({
          scenario: "start-up",
          measure: `${command.name}, median of ${sizes.startup.rounds}`,
          value: ms,
          unit: "ms",
          shown: `${ms.toFixed(0)} ms`,
        });
      }
      const ratio = ms / node;
      return row({
        scenario: "start-up",
        measure: `${command.name} vs node -e 0`,
        value: ratio,
        unit: "×",
        shown: `${ratio.toFixed(2)}× (${ms.toFixed(0)} ms)`,
        target: `≤ ${command.limit}×`,
        ideal: "1×",
        pass: ratio <= command.limit,
      });
    });
    return {
      scenario: "start-up",
      rows,
      details: Object.fromEntries([...medians].map(([name, ms]) => [`${name} ms`, Math.round(ms * 10) / 10])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

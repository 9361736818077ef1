// Long calls (issue 16): 2–4 KB multi-turn calls to an OpenAI-format and an Anthropic-format model, no cache.
// Both sides run as their own process, start-up included: the bare SDK loop (openai + @anthropic-ai/sdk +
// p-limit, nothing stored) and `callgrade run --no-cache`, which also validates, stores, scores and reports.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LONG_ANSWER, longBodies, longModels, writeLongSuite } from "../long-calls.js";
import { seconds, withTimeout } from "../measure.js";
import type { Sizes } from "../scale.js";
import { startBenchServer } from "../server-client.js";
import { tempDir } from "../suite.js";
import { row, type ScenarioResult } from "../table.js";
import { answered } from "./openai-models.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = path.join(ROOT, "dist", "cli.js");
const BARE = path.join(ROOT, "bench", "long-bare.mjs");
const CPU_REPORT = path.join(ROOT, "bench", "cpu-report.mjs");

interface ChildRun {
  wallMs: number;
  /** The child's whole CPU time, start-up included. */
  cpuMs: number;
  stdout: string;
}

/** Runs `node ARGS` to its end: wall time from spawn to exit here, CPU as the child itself reports it. */
async function runNode(args: string[], cpuFile: string, ms: number): Promise<ChildRun> {
  rmSync(cpuFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", CPU_REPORT, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "", CI: "1", CALLGRADE_BENCH_CPU: cpuFile },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const code = await withTimeout(exited, ms, `node ${path.basename(args[0] ?? "")}`).catch(
    (error: unknown) => {
      child.kill("SIGKILL");
      throw error;
    },
  );
  const wallMs = performance.now() - started;
  // 3: the run finished with calls left unscored; the figures below say how many.
  if (code !== 0 && code !== 3) {
    throw new Error(`node ${args.join(" ")} exited ${code}: ${stderr.slice(0, 500)}`);
  }
  const { cpuMs } = JSON.parse(readFileSync(cpuFile, "utf8")) as { cpuMs: number };
  return { wallMs, cpuMs, stdout };
}

export async function longCallsScenario(sizes: Sizes, budgetMs: number): Promise<ScenarioResult> {
  const { dialogues, warmupDialogues, latencyMs, concurrency, rounds } = sizes.longCalls;
  const server = await startBenchServer({ latencyMs, answer: LONG_ANSWER });
  const dir = tempDir("long-calls");
  const deadline = performance.now() + budgetMs;
  const left = () => Math.max(1_000, deadline - performance.now());
  const cpuFile = path.join(dir, "cpu.json");
  try {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`);
    const models = longModels(server.url);
    const prepare = async (name: string, count: number) => {
      const suite = writeLongSuite(path.join(dir, name), count, models, concurrency);
      const requests = path.join(dir, `${name}.requests.json`);
      writeFileSync(requests, JSON.stringify(await longBodies(suite.configFile)));
      return { ...suite, requests };
    };
    let round = 0;
    const bare = (requests: string) =>
      runNode([BARE, requests, server.url, String(concurrency)], cpuFile, left());
    const callgrade = (configFile: string) => {
      const out = path.join(dir, `out-${round}`);
      const store = path.join(dir, `store-${round++}.db`);
      const args = [CLI, "run", "--config", configFile, "--no-cache", "--store", store, "--out", out];
      return runNode(args, cpuFile, left()).then((result) => ({ ...result, out }));
    };
    // Both once, untimed: the config's transpile cache and the disk's caches are warm for either side.
    const warm = await prepare("warm", warmupDialogues);
    await bare(warm.requests);
    await callgrade(warm.configFile);

    const main = await prepare("main", dialogues);
    const calls = dialogues * models.length;
    let best: { bare: ChildRun; callgrade: ChildRun & { out: string } } | undefined;
    for (let n = 0; n < rounds; n++) {
      const b = await bare(main.requests);
      const c = await callgrade(main.configFile);
      // The fastest of each: a busy machine only ever slows a run down.
      best = {
        bare: !best || b.wallMs < best.bare.wallMs ? b : best.bare,
        callgrade: !best || c.wallMs < best.callgrade.wallMs ? c : best.callgrade,
      };
    }
    if (!best) throw new Error("no round ran");
    const bareCounts = JSON.parse(best.bare.stdout.trim()) as { ok: number; failed: number };
    const summary = JSON.parse(readFileSync(path.join(best.callgrade.out, "summary.json"), "utf8")) as {
      models: { calls: number; errors: number }[];
    };
    const callgradeAnswered = answered(summary);
    const complete = bareCounts.ok === calls && callgradeAnswered === calls;
    const incomplete = complete
      ? ""
      : ` (answered: bare ${bareCounts.ok}, callgrade ${callgradeAnswered} of ${calls})`;
    const ratio = best.callgrade.wallMs / best.bare.wallMs;
    const bareCpu = best.bare.cpuMs / calls;
    const cgCpu = best.callgrade.cpuMs / calls;
    const cpuRatio = cgCpu / bareCpu;
    const idealMs = (calls * latencyMs) / concurrency;
    const ms = (value: number) => `${value.toFixed(2)} ms`;
    return {
      scenario: "long calls",
      rows: [
        row({
          scenario: "long calls",
          measure: `bare SDK loop, ${calls} calls, 2 APIs, process`,
          value: best.bare.wallMs / 1000,
          unit: "s",
          shown: `${seconds(best.bare.wallMs)} (${(best.bare.wallMs / idealMs).toFixed(2)}× ideal)`,
          ideal: seconds(idealMs),
        }),
        row({
          scenario: "long calls",
          measure: "callgrade run --no-cache wall ÷ bare wall",
          value: ratio,
          unit: "×",
          shown: `${ratio.toFixed(2)}× (${seconds(best.callgrade.wallMs)})${incomplete}`,
          target: "≤ 1.00×",
          ideal: "1.00×",
          pass: complete && ratio <= 1,
        }),
        row({
          scenario: "long calls",
          measure: "CPU per call, callgrade ÷ bare",
          value: cpuRatio,
          unit: "×",
          shown: `${cpuRatio.toFixed(2)}× (callgrade ${ms(cgCpu)}, bare ${ms(bareCpu)})`,
          target: "≤ 1.00×",
          ideal: "< 1×",
          pass: complete && cpuRatio <= 1,
        }),
      ],
      details: {
        calls,
        rounds,
        latencyMs,
        concurrency,
        idealMs,
        bareWallMs: best.bare.wallMs,
        bareCpuMs: best.bare.cpuMs,
        bareAnswered: bareCounts.ok,
        callgradeWallMs: best.callgrade.wallMs,
        callgradeCpuMs: best.callgrade.cpuMs,
        callgradeAnswered,
      },
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

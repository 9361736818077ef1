// Throughput, harness cost and cache: the same 3-model run sent by a bare SDK loop, then by callgrade
// (twice, the second time answered from its cache), against a loopback server with fixed latency.
import { rmSync } from "node:fs";
import { bareBodies, bareLoop } from "../bare-loop.js";
import { type CallgradeRun, callgradeRun } from "../callgrade-run.js";
import { type Measured, measure, percent, seconds } from "../measure.js";
import type { Sizes } from "../scale.js";
import type { ServerStats } from "../server.js";
import { type BenchServer, startBenchServer } from "../server-client.js";
import { tempDir, writeSuite } from "../suite.js";
import { row, type ScenarioResult } from "../table.js";
import { answered, openaiModels } from "./openai-models.js";

const ms = (value: number) => `${value.toFixed(2)} ms`;

/**
 * Cached reruns timed; each sends nothing, so five cost about two seconds. A rerun takes ~0.4 s, so one
 * full collection or scheduler stall moves it by a point of the ratio: of three, all were sometimes hit.
 */
const CACHED_ROUNDS = 5;

type Timed<T> = Measured<T> & { server: ServerStats };

/** `body`, measured here and at the server, whose counters start from zero for it. */
async function timed<T>(server: BenchServer, body: () => Promise<T>): Promise<Timed<T>> {
  await server.reset();
  const measured = await measure(body);
  return { ...measured, server: await server.stats() };
}

export async function throughputScenario(sizes: Sizes, budgetMs: number): Promise<ScenarioResult> {
  const { cases, warmupCases, latencyMs, concurrency, rounds } = sizes.throughput;
  const server = await startBenchServer({ latencyMs });
  const dirs: string[] = [];
  const suite = (n: number) => {
    const dir = tempDir("throughput");
    dirs.push(dir);
    return writeSuite(dir, { cases: n, models: openaiModels(server.url), concurrency });
  };
  try {
    const signal = AbortSignal.timeout(budgetMs);
    // Both paths once, untimed: neither pays for compiling code the other already warmed up.
    const warm = suite(warmupCases);
    await bareLoop(server.url, await bareBodies(warm.configFile), concurrency, signal);
    await callgradeRun(warm.configFile, { useCache: true, signal });

    const main = suite(cases);
    const bodies = await bareBodies(main.configFile);
    const calls = bodies.length;
    let bare: Timed<{ ok: number; failed: number }> | undefined;
    let first: Timed<CallgradeRun> | undefined;
    let configFile = main.configFile;
    for (let round = 0; round < rounds; round++) {
      if (round > 0) configFile = suite(cases).configFile;
      const bareRound = await timed(server, () => bareLoop(server.url, bodies, concurrency, signal));
      if (!bare || bareRound.wallMs < bare.wallMs) bare = bareRound;
      const file = configFile;
      const run = await timed(server, () => callgradeRun(file, { useCache: true, signal }));
      if (!first || run.wallMs < first.wallMs) first = run;
    }
    if (!bare || !first) throw new Error("no round ran");
    // The same suite again, on the store of the last run: every answer is in its cache. Timed like the first
    // runs: the fastest of a few, as a busy machine only slows a run down.
    let second: Timed<CallgradeRun> | undefined;
    let cachedRequests = 0;
    for (let round = 0; round < CACHED_ROUNDS; round++) {
      const run = await timed(server, () => callgradeRun(configFile, { useCache: true, signal }));
      cachedRequests += run.server.requests;
      if (!second || run.wallMs < second.wallMs) second = run;
    }
    if (!second) throw new Error("no cached run ran");
    const [bareServer, firstServer] = [bare.server, first.server];

    const idealMs = (calls * latencyMs) / concurrency;
    const ratio = first.wallMs / bare.wallMs;
    const costMs = (first.cpuMs - bare.cpuMs) / calls;
    // Against the fastest first run, not the one whose store it reuses: the stricter of the two.
    const cacheShare = second.wallMs / first.wallMs;
    const firstAnswered = answered(first.value.summary);
    const complete = bare.value.ok === calls && firstAnswered === calls;
    const incomplete = complete
      ? ""
      : ` (answered: bare ${bare.value.ok}, callgrade ${firstAnswered} of ${calls})`;
    const serverCpuMs = bareServer.cpuMs + firstServer.cpuMs;
    return {
      scenario: "throughput",
      rows: [
        row({
          scenario: "throughput",
          measure: `bare SDK loop, ${calls} calls`,
          value: bare.wallMs / 1000,
          unit: "s",
          shown: `${seconds(bare.wallMs)} (${(bare.wallMs / idealMs).toFixed(2)}× ideal)`,
          ideal: seconds(idealMs),
        }),
        row({
          scenario: "throughput",
          measure: "callgrade wall ÷ bare wall",
          value: ratio,
          unit: "×",
          shown: `${ratio.toFixed(2)}× (${seconds(first.wallMs)}, ${(first.wallMs / idealMs).toFixed(2)}× ideal)${incomplete}`,
          target: "≤ 1.25×",
          ideal: "1.00×",
          pass: complete && ratio <= 1.25,
        }),
        row({
          scenario: "harness cost",
          measure: "CPU per call over bare",
          value: costMs,
          unit: "ms",
          shown: `${ms(costMs)} (callgrade ${ms(first.cpuMs / calls)}, bare ${ms(bare.cpuMs / calls)})`,
          target: "≤ 0.30 ms",
          ideal: "0 ms",
          pass: complete && costMs <= 0.3,
        }),
        row({
          scenario: "cache",
          measure: "second run wall ÷ first",
          value: cacheShare,
          unit: "share",
          shown: `${percent(cacheShare)} (${seconds(second.wallMs)})`,
          target: "≤ 10%",
          ideal: "0%",
          pass: cacheShare <= 0.1,
        }),
        row({
          scenario: "cache",
          measure: "requests at the server",
          value: cachedRequests,
          unit: "requests",
          shown: `${cachedRequests} (${CACHED_ROUNDS} cached runs)`,
          target: "0",
          ideal: "0",
          pass: cachedRequests === 0,
        }),
        row({
          scenario: "server",
          measure: "loopback server CPU per request",
          value: serverCpuMs / (bareServer.requests + firstServer.requests),
          unit: "ms",
          shown: `${ms(serverCpuMs / (bareServer.requests + firstServer.requests))} (bare ${seconds(bareServer.cpuMs)}, callgrade ${seconds(firstServer.cpuMs)} of CPU)`,
        }),
      ],
      details: {
        calls,
        rounds,
        latencyMs,
        concurrency,
        idealMs,
        bareWallMs: bare.wallMs,
        bareCpuMs: bare.cpuMs,
        bareAnswered: bare.value.ok,
        callgradeWallMs: first.wallMs,
        callgradeCpuMs: first.cpuMs,
        callgradeAnswered: firstAnswered,
        callgradeRetries: first.value.retries,
        cachedWallMs: second.wallMs,
        cachedCpuMs: second.cpuMs,
        cachedRequests,
        serverCpuBareMs: bareServer.cpuMs,
        serverCpuCallgradeMs: firstServer.cpuMs,
        serverCpuCachedMs: second.server.cpuMs,
      },
    };
  } finally {
    await server.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

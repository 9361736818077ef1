// `npm run bench:profile [-- CASES]`: one throughput-sized run through callgrade with phases timed, for finding
// where its CPU goes (run it under `node --cpu-prof`); prints wall/CPU per phase.
import { bareBodies, bareLoop } from "./bare-loop.js";
import { callgradeRun } from "./callgrade-run.js";
import { measure } from "./measure.js";
import { openaiModels } from "./scenarios/openai-models.js";
import { startBenchServer } from "./server-client.js";
import { tempDir, writeSuite } from "./suite.js";

const cases = Number(process.argv[2] ?? 2000);
const server = await startBenchServer({ latencyMs: 20 });
const signal = AbortSignal.timeout(600_000);
const warm = writeSuite(tempDir("p"), { cases: 100, models: openaiModels(server.url), concurrency: 64 });
await bareLoop(server.url, await bareBodies(warm.configFile), 64, signal);
await callgradeRun(warm.configFile, { useCache: true, signal });
const main = writeSuite(tempDir("p"), { cases, models: openaiModels(server.url), concurrency: 64 });
const bodies = await bareBodies(main.configFile);
const bare = await measure(() => bareLoop(server.url, bodies, 64, signal));
const run = await measure(() => callgradeRun(main.configFile, { useCache: true, signal }));
const again = await measure(() => callgradeRun(main.configFile, { useCache: true, signal }));
const f = (m: { wallMs: number; cpuMs: number }) =>
  `wall ${m.wallMs.toFixed(0)} ms cpu ${m.cpuMs.toFixed(0)} ms (${(m.cpuMs / bodies.length).toFixed(3)} ms/call)`;
console.log(JSON.stringify(run.value.summary.models.map((m) => [m.id, m.calls, m.errors, m.cachedCalls])));
console.log(
  `calls ${bodies.length}\nbare  ${f(bare)}\ncg    ${f(run)} ratio ${(run.wallMs / bare.wallMs).toFixed(2)}\ncache ${f(again)} share ${(again.wallMs / run.wallMs).toFixed(3)}`,
);
await server.close();

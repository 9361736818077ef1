// Rate limit: the server holds each of 3 models to a token bucket and answers 429 beyond it; callgrade
// should use the whole allowance without tripping it. Counted at the server, which sees every request.
import { rmSync } from "node:fs";
import { callgradeRun } from "../callgrade-run.js";
import { measure, percent, seconds } from "../measure.js";
import type { Sizes } from "../scale.js";
import { startBenchServer } from "../server-client.js";
import { tempDir, writeSuite } from "../suite.js";
import { row, type ScenarioResult } from "../table.js";
import { answered, openaiModels } from "./openai-models.js";

const MODELS = 3;

export async function rateLimitScenario(sizes: Sizes, budgetMs: number): Promise<ScenarioResult> {
  const { cases, perMinute, burstSeconds, latencyMs, concurrency } = sizes.rateLimit;
  const perSecond = perMinute / 60;
  const burst = Math.max(1, Math.round(perSecond * burstSeconds));
  const server = await startBenchServer({ latencyMs, limit: { perMinute, burst } });
  const dir = tempDir("rate-limit");
  try {
    const suite = writeSuite(dir, { cases, models: openaiModels(server.url), concurrency });
    await server.reset();
    const run = await measure(() =>
      callgradeRun(suite.configFile, { useCache: false, signal: AbortSignal.timeout(budgetMs) }),
    );
    const stats = await server.stats();
    // The first `burst` requests of each model are free; after that the bucket refills at the allowed rate.
    // So a client that keeps the bucket empty answers (answered - burst) in the span: that is the rate.
    const allowed = MODELS * perSecond;
    const sustained = (stats.answered - MODELS * burst) / (stats.spanMs / 1000);
    const share = sustained / allowed;
    const limitedShare = stats.requests === 0 ? 0 : stats.limited / stats.requests;
    const calls = cases * MODELS;
    const done = answered(run.value.summary);
    const incomplete = done === calls ? "" : `, ${calls - done} of ${calls} calls unanswered`;
    return {
      scenario: "rate limit",
      rows: [
        row({
          scenario: "rate limit",
          measure: `sustained rate, ${MODELS} models × ${perMinute}/min`,
          value: share,
          unit: "share",
          shown: `${percent(share)} (${sustained.toFixed(1)}/s of ${allowed.toFixed(0)}/s${incomplete})`,
          target: "≥ 90%",
          ideal: "100%",
          pass: done === calls && share >= 0.9,
        }),
        row({
          scenario: "rate limit",
          measure: "requests answered 429",
          value: limitedShare,
          unit: "share",
          shown: `${percent(limitedShare)} (${stats.limited} of ${stats.requests})`,
          target: "< 1%",
          ideal: "0%",
          pass: limitedShare < 0.01,
        }),
      ],
      details: {
        calls,
        answeredCalls: done,
        perMinute,
        burst,
        latencyMs,
        concurrency,
        wallMs: run.wallMs,
        wall: seconds(run.wallMs),
        spanMs: stats.spanMs,
        requests: stats.requests,
        answeredRequests: stats.answered,
        limitedRequests: stats.limited,
        retries: run.value.retries,
        serverCpuMs: stats.cpuMs,
      },
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

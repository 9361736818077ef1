// Writes a finished 2-model run straight into a store, as a replay run would leave it, for the scenarios
// that measure what happens after a run (re-scoring, review): seconds instead of a whole run to set up.
import type { Case } from "../src/core/types.js";
import { newRunId } from "../src/runner/run-id.js";
import { fieldsFromSchema } from "../src/scoring/fields.js";
import type { RunRecord, Store } from "../src/store/index.js";
import { validateOutput } from "../src/validate/index.js";
import { BenchBooking } from "./schema.js";
import { ANSWER, caseId, replayOutput } from "./suite.js";

export interface SeedOptions {
  cases: number;
  /**
   * With gold, the outputs are scored against it (now and then wrong). Without, the two models disagree on
   * the name of every case: each case queues exactly one review item.
   */
  gold: boolean;
}

const MODELS = ["replay-1", "replay-2"];

function outputOf(model: number, i: number, gold: boolean): unknown {
  if (gold) return replayOutput(model, i);
  return model === 0 ? ANSWER : { ...ANSWER, name: "Anna Ruiz" };
}

export function seedRun(store: Store, options: SeedOptions): RunRecord {
  const cases: Case[] = Array.from({ length: options.cases }, (_, i) => ({
    id: caseId(i),
    transcript: `agent: Casa Verde, how can I help?\ncaller: This is Ana Ruiz, a table for two please, about ${caseId(i)}.`,
    ...(options.gold ? { gold: ANSWER } : {}),
    meta: { callDate: "2026-03-23" },
    source: { file: "(bench)", line: i + 1 },
  }));
  const id = newRunId();
  store.runs.create(
    {
      id,
      suite: "bench",
      createdAt: new Date().toISOString(),
      configFile: null,
      hashes: { prompt: "bench", knowledgeBase: "bench", schema: "bench" },
      models: MODELS.map((model) => ({ id: model, provider: "replay" })),
      fields: fieldsFromSchema(BenchBooking),
      scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
      repeat: 1,
      skipped: [],
      knowledgeBase: "",
      review: { overlap: 0, leaseMinutes: 15, passRating: 3 },
    },
    cases,
  );
  // One transaction around them all (each record() becomes a savepoint): setup, not what is measured.
  store.db.transaction(() => {
    for (const [i] of cases.entries()) {
      for (const [model, modelId] of MODELS.entries()) {
        const output = outputOf(model, i, options.gold);
        const text = typeof output === "string" ? output : JSON.stringify(output);
        store.calls.record({
          runId: id,
          caseId: caseId(i),
          modelId,
          rep: 0,
          text,
          error: null,
          raw: undefined,
          usage: { inputTokens: 180, outputTokens: 20, cachedInputTokens: 0 },
          costUsd: null,
          latencyMs: 400 + (i % 300),
          attempts: 1,
          fromCache: false,
          output: validateOutput(text, BenchBooking),
        });
      }
    }
  })();
  store.runs.finish(id, "finished");
  const run = store.runs.get(id);
  if (!run) throw new Error(`the seeded run ${id} is not in the store`);
  return run;
}

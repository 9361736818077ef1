// Fakes for driving runMatrix without HTTP or SQLite: a scriptable provider that counts what is in flight,
// a store that keeps records in memory, and a prompt that counts its renderings.
import { z } from "zod";
import { type ConfigInput, configSchema } from "../../src/config/schema.js";
import type { Suite } from "../../src/config/suite.js";
import type { Case, CompletionRequest, CompletionResult, Provider } from "../../src/core/types.js";
import type { PromptSuite } from "../../src/prompt/index.js";
import type { RunEvent } from "../../src/runner/events.js";
import type { ActiveModel, MatrixOptions, MatrixStore } from "../../src/runner/matrix.js";
import type { CachedResponse, CallRecord } from "../../src/store/index.js";

export const ANSWER: Extract<CompletionResult, { ok: true }> = {
  ok: true,
  text: '{"a":1}',
  usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 },
};

/** Calls in flight now, and the most there ever were. */
export class InFlight {
  now = 0;
  max = 0;
  enter(): void {
    this.now++;
    this.max = Math.max(this.max, this.now);
  }
  exit(): void {
    this.now--;
  }
}

export type Script = (
  request: CompletionRequest,
  nth: number,
  signal: AbortSignal,
) => Promise<CompletionResult>;

/** Answers on the next turn of the event loop, so every free slot fills before the first call returns. */
export const nextTurn: Script = () => new Promise((resolve) => setImmediate(() => resolve(ANSWER)));

export interface FakeProvider extends Provider {
  inFlight: InFlight;
  started: number;
}

/** Counts its own calls in flight and those of every provider sharing `all`. */
export function fakeProvider(id: string, all: InFlight, script: Script = nextTurn): FakeProvider {
  const provider: FakeProvider = {
    id,
    inFlight: new InFlight(),
    started: 0,
    async complete(request, { signal }) {
      const nth = provider.started++;
      provider.inFlight.enter();
      all.enter();
      try {
        return await script(request, nth, signal);
      } finally {
        provider.inFlight.exit();
        all.exit();
      }
    },
  };
  return provider;
}

/** Settles when the run's signal aborts, as a real provider's aborted request does. */
export function untilAborted(signal: AbortSignal): Promise<CompletionResult> {
  return new Promise((resolve) => {
    const aborted = () =>
      resolve({ ok: false, error: { kind: "aborted", message: "aborted", retryable: false } });
    if (signal.aborted) aborted();
    else signal.addEventListener("abort", aborted, { once: true });
  });
}

/**
 * Records in memory, with a cache of the fresh answers they carry (a new store's lookups all miss); every
 * call's first lookup counts as a task that has begun.
 */
export function fakeStore(): MatrixStore & {
  records: CallRecord[];
  /** Sizes of the batches written, in order. */
  batches: number[];
  lookups: number;
  live: number;
  maxLive: number;
} {
  const cached = new Map<string, CachedResponse>();
  const looked = new Set<string>();
  const store = {
    records: [] as CallRecord[],
    batches: [] as number[],
    lookups: 0,
    live: 0,
    maxLive: 0,
    calls: {
      recordAll(calls: readonly CallRecord[]) {
        store.records.push(...calls);
        store.batches.push(calls.length);
        for (const call of calls) if (call.cache) cached.set(call.cache.key, call.cache.response);
        store.live -= calls.length;
      },
    },
    cache: {
      get(key: string): CachedResponse | undefined {
        store.lookups++;
        // A call that missed is looked up again once it holds its slots: it is still the one task.
        if (!looked.has(key)) {
          looked.add(key);
          store.live++;
          store.maxLive = Math.max(store.maxLive, store.live);
        }
        return cached.get(key);
      },
      getMany(keys: readonly string[]): (CachedResponse | undefined)[] {
        return keys.map((key) => store.cache.get(key));
      },
    },
  };
  return store;
}

export function fakePrompt(): PromptSuite & { renders: number } {
  const prompt = {
    renders: 0,
    hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
    knowledgeBase: "",
    jsonSchema: {},
    render(item: Case): CompletionRequest {
      prompt.renders++;
      return { caseId: item.id, stable: "stable", variable: item.id, jsonSchema: {}, schemaName: "x" };
    },
  };
  return prompt;
}

export function fakeCases(count: number): Case[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    transcript: `call ${i}`,
    meta: {},
    source: { file: "calls.jsonl", line: i + 1 },
  }));
}

export type ModelInput = ConfigInput["models"][number];

/** A parsed config with these models, and the models paired with their providers. */
export function suite(models: [ModelInput, Provider][], concurrency: number) {
  const config = configSchema.parse({
    name: "matrix",
    dataset: "calls.jsonl",
    prompt: "prompt.md",
    schema: z.object({ a: z.number() }),
    models: models.map(([model]) => model),
    concurrency,
  });
  const loaded: Suite = { config, file: "/suite/callgrade.config.ts", baseDir: "/suite" };
  const active: ActiveModel[] = config.models.map((model, i) => {
    const provider = models[i]?.[1];
    if (!provider) throw new Error("a model without a provider");
    return { config: model, provider };
  });
  return { loaded, active };
}

/** Options for a run of `cases` over `models`, answering with no waits between attempts. */
export function matrix(
  models: [ModelInput, Provider][],
  cases: Case[],
  extra: Partial<MatrixOptions> & { concurrency: number },
) {
  const { loaded, active } = suite(models, extra.concurrency);
  const events: RunEvent[] = [];
  const store = fakeStore();
  const prompt = fakePrompt();
  const options: MatrixOptions = {
    runId: "run-1",
    loaded,
    cases,
    models: active,
    prompt,
    store,
    repeat: 1,
    useCache: true,
    signal: new AbortController().signal,
    emit: (event) => events.push(event),
    retry: { maxRetries: 20, baseDelayMs: 0, maxDelayMs: 0, random: () => 0 },
    ...extra,
  };
  return { options, events, store, prompt };
}

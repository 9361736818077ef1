// The run: every case × model × repeat, scheduled under global and per-model limits, stored as each call ends.
import pLimit from "p-limit";
import type { LoadedConfig } from "../config/load.js";
import type { ModelConfig } from "../config/schema.js";
import type { Case, Provider } from "../core/types.js";
import type { PromptSuite } from "../prompt/index.js";
import { createRedactor, redactsFor } from "../prompt/redact.js";
import { costUsd, priceFor } from "../providers/prices.js";
import { callKey, type Store } from "../store/index.js";
import { validateOutput } from "../validate/index.js";
import { cacheKey } from "./cache-key.js";
import { executeCall } from "./call.js";
import type { RunListener } from "./events.js";
import { DEFAULT_RETRY, ModelGate, type RetryPolicy } from "./retry.js";

export interface ActiveModel {
  config: ModelConfig;
  provider: Provider;
}

export interface MatrixOptions {
  runId: string;
  loaded: LoadedConfig;
  cases: Case[];
  models: ActiveModel[];
  prompt: PromptSuite;
  store: Store;
  concurrency: number;
  repeat: number;
  useCache: boolean;
  signal: AbortSignal;
  emit: RunListener;
  retry?: Partial<RetryPolicy>;
  /** Calls already settled (a resume): `callKey(case, model, rep)`. */
  skip?: Set<string>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** Sends every call of the matrix; resolves when all have a terminal result (or the signal stopped them). */
export async function runMatrix(options: MatrixOptions): Promise<void> {
  const { cases, models, store, repeat } = options;
  const global = pLimit(options.concurrency);
  const schema = options.loaded.config.schema;
  // Render each case once: every model gets exactly the same strings.
  const kinds = options.loaded.config.redact ?? [];
  const redactor = createRedactor(kinds, options.loaded.config.scoring);
  const prepared = cases.map((item) => {
    const rendered = options.prompt.render(item);
    // Redaction happens here, on this machine; the mapping lives only in `restore` and is never stored.
    return { rendered, redaction: kinds.length > 0 ? redactor.redact(rendered, item) : undefined };
  });

  const tasks: Promise<void>[] = [];
  for (const model of models) {
    const perModel = pLimit(model.config.concurrency ?? options.concurrency);
    const gate = new ModelGate();
    const retry: RetryPolicy = {
      ...DEFAULT_RETRY,
      ...options.retry,
      maxRetries: model.config.maxRetries ?? options.retry?.maxRetries ?? DEFAULT_RETRY.maxRetries,
    };
    const price = priceFor(model.config);
    const useCache = options.useCache && model.config.provider !== "replay";
    const redacts = redactsFor(model.config, kinds);
    for (const { rendered, redaction: maybe } of prepared) {
      const redaction = redacts ? maybe : undefined;
      // What is sent, so the cache keys on it too.
      const request = redaction?.request ?? rendered;
      for (let rep = 0; rep < repeat; rep++) {
        if (options.skip?.has(callKey(request.caseId, model.config.id, rep))) continue;
        const key = cacheKey(model.config, request, rep, repeat);
        const task = perModel(() =>
          global(async () => {
            if (options.signal.aborted) return;
            const result = await executeCall({
              provider: model.provider,
              request,
              modelId: model.config.id,
              rep,
              timeoutMs: model.config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
              retry,
              gate,
              signal: options.signal,
              emit: options.emit,
              ...(useCache
                ? {
                    cache: {
                      key,
                      get: (k: string) => store.cache.get(k),
                      put: (k: string, value) => store.cache.put(k, model.config.id, value),
                    },
                  }
                : {}),
            });
            // A call cut short by the user's own stop has no terminal result: resume sends it again.
            if (result.error?.kind === "aborted" && options.signal.aborted) return;
            // Stored text stays as received; the validated value gets the real values back, for scoring.
            const output =
              result.text === null
                ? null
                : validateOutput(redaction ? redaction.restore(result.text) : result.text, schema);
            store.calls.record({
              runId: options.runId,
              caseId: request.caseId,
              modelId: model.config.id,
              rep,
              text: result.text,
              error: result.error,
              raw: result.raw,
              usage: result.usage,
              costUsd: costUsd(result.usage, price),
              latencyMs: result.latencyMs,
              attempts: result.attempts,
              fromCache: result.fromCache,
              output,
            });
            options.emit({
              type: "call-finished",
              modelId: model.config.id,
              caseId: request.caseId,
              rep,
              ok: result.error === null,
              valid: output ? output.ok : null,
              fromCache: result.fromCache,
              attempts: result.attempts,
              ...(result.error ? { errorKind: result.error.kind } : {}),
            });
          }),
        );
        tasks.push(task);
      }
    }
  }
  await Promise.all(tasks);
}

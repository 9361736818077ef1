// A whole run: load the suite, create providers, send the matrix, score it. Reports are the caller's job.
import { type LoadedConfig, resolveFromConfig } from "../config/load.js";
import type { ModelConfig } from "../config/schema.js";
import { CallgradeError } from "../core/errors.js";
import type { Case } from "../core/types.js";
import { iterateDataset } from "../dataset/index.js";
import { loadPrompt, type PromptSuite } from "../prompt/index.js";
import { createProvider } from "../providers/index.js";
import { fieldsFromSchema } from "../scoring/fields.js";
import type { NewRun, RunRecord, Store } from "../store/index.js";
import type { RunListener } from "./events.js";
import type { RetryPolicy } from "./retry.js";
import { type ActiveModel, runMatrix } from "./run.js";
import { newRunId } from "./run-id.js";
import { scoreRun } from "./score-run.js";
import { type CaseList, StoredCases } from "./stored-cases.js";

export type { RunEvent, RunListener } from "./events.js";
export { scoreRun } from "./score-run.js";

export interface RunSuiteOptions {
  /** Only these model ids. */
  models?: string[];
  limit?: number;
  concurrency?: number;
  repeat?: number;
  useCache: boolean;
  signal: AbortSignal;
  emit: RunListener;
  env: NodeJS.ProcessEnv;
  retry?: Partial<RetryPolicy>;
}

/** Errors a resume sends again: the provider may answer now. Everything else is settled. */
export const RETRYABLE_ON_RESUME = [
  "rate_limit",
  "timeout",
  "http",
  "network",
  "bad_response",
  "aborted",
] as const;

async function loadSuitePrompt(loaded: LoadedConfig): Promise<PromptSuite> {
  const { config } = loaded;
  const kb = config.knowledgeBase === undefined ? [] : [config.knowledgeBase].flat();
  return loadPrompt({
    templateFile: resolveFromConfig(loaded, config.prompt),
    knowledgeBaseFiles: kb.map((file) => resolveFromConfig(loaded, file)),
    schema: config.schema,
  });
}

async function createProviders(loaded: LoadedConfig, models: ModelConfig[], options: RunSuiteOptions) {
  const active: ActiveModel[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const model of models) {
    const created = await createProvider(model, { baseDir: loaded.baseDir, env: options.env });
    if ("skipped" in created) {
      skipped.push({ id: model.id, reason: created.skipped });
      options.emit({ type: "model-skipped", modelId: model.id, reason: created.skipped });
    } else active.push({ config: model, provider: created });
  }
  return { active, skipped };
}

export async function runSuite(
  loaded: LoadedConfig,
  store: Store,
  options: RunSuiteOptions,
): Promise<RunRecord> {
  const { config } = loaded;
  const selected = selectModels(loaded, options.models);
  const prompt = await loadSuitePrompt(loaded);
  const dataset = iterateDataset(resolveFromConfig(loaded, config.dataset), {
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(config.maxTranscriptChars === undefined ? {} : { maxTranscriptChars: config.maxTranscriptChars }),
  });
  let active: ActiveModel[] = [];
  try {
    // Every case is read and checked (rendered) before a single paid call is made; none is held in memory.
    // Providers are made once the dataset is known good, as before: its errors are the ones to fix first.
    const run = await store.runs.createFrom(rendered(dataset, prompt), async () => {
      const created = await createProviders(loaded, selected, options);
      active = created.active;
      return describeRun(loaded, prompt, created, options.repeat ?? config.repeat);
    });
    const cases = storedCases(store, run.id, run.caseCount);
    return await execute(loaded, store, options, {
      runId: run.id,
      cases,
      active,
      prompt,
      repeat: run.repeat,
    });
  } finally {
    await closeProviders(active);
  }
}

function describeRun(
  loaded: LoadedConfig,
  prompt: PromptSuite,
  { active, skipped }: Awaited<ReturnType<typeof createProviders>>,
  repeat: number,
): NewRun {
  const { config } = loaded;
  if (active.length === 0) {
    throw new CallgradeError(
      "USAGE",
      `no model can run: ${skipped.map((s) => `${s.id}: ${s.reason}`).join("; ")}`,
    );
  }
  return {
    id: newRunId(),
    suite: config.name,
    createdAt: new Date().toISOString(),
    configFile: loaded.file,
    hashes: prompt.hashes,
    models: active.map(({ config: m }) => ({
      id: m.id,
      provider: m.provider,
      ...("model" in m ? { model: m.model } : {}),
    })),
    fields: fieldsFromSchema(config.schema),
    scoring: config.scoring,
    repeat,
    skipped,
    knowledgeBase: prompt.knowledgeBase,
    review: config.review,
  };
}

/** Every provider's open files and connections are let go once the run is done with them, however it ended. */
async function closeProviders(models: readonly ActiveModel[]): Promise<void> {
  await Promise.allSettled(models.map((model) => model.provider.close?.()));
}

/**
 * Continues a run that was stopped or killed, or sends again the calls of a finished run that failed in a way a
 * retry may mend: calls that finished are never sent again. The inputs must be the ones the run started with.
 */
export async function resumeSuite(
  loaded: LoadedConfig,
  store: Store,
  runId: string | undefined,
  options: RunSuiteOptions,
): Promise<RunRecord> {
  const run = runId ? store.runs.get(runId) : store.runs.latestUnfinished();
  if (!run) {
    throw new CallgradeError(
      "RUN_NOT_FOUND",
      runId ? `no run "${runId}" in ${store.file}` : `no unfinished run in ${store.file} to resume`,
    );
  }
  if (run.status === "finished")
    throw new CallgradeError("USAGE", `run ${run.id} has finished; there is nothing to resume`);
  const prompt = await loadSuitePrompt(loaded);
  const changed = (Object.keys(run.hashes) as (keyof RunRecord["hashes"])[]).filter(
    (key) => run.hashes[key] !== prompt.hashes[key],
  );
  if (changed.length > 0) {
    throw new CallgradeError(
      "USAGE",
      `run ${run.id} was started with another ${changed.join(", ")} (hash ${changed.map((k) => `${run.hashes[k]} → ${prompt.hashes[k]}`).join(", ")}); restore them to resume, or start a new run`,
    );
  }
  const models = run.models.map((m) => {
    const model = loaded.config.models.find((candidate) => candidate.id === m.id);
    if (!model)
      throw new CallgradeError(
        "USAGE",
        `run ${run.id} used model "${m.id}", which ${loaded.file} no longer has`,
      );
    return model;
  });
  const { active, skipped } = await createProviders(loaded, models, options);
  if (skipped.length > 0) {
    await closeProviders(active);
    throw new CallgradeError(
      "USAGE",
      `cannot resume run ${run.id}: ${skipped.map((s) => `${s.id}: ${s.reason}`).join("; ")}`,
    );
  }
  try {
    store.runs.reopen(run.id);
    const cases = storedCases(store, run.id, store.runs.caseCount(run.id));
    return await execute(loaded, store, options, {
      runId: run.id,
      cases,
      active,
      prompt,
      repeat: run.repeat,
      skip: store.calls.settled(run.id, RETRYABLE_ON_RESUME),
    });
  } finally {
    await closeProviders(active);
  }
}

async function execute(
  loaded: LoadedConfig,
  store: Store,
  options: RunSuiteOptions,
  work: {
    runId: string;
    cases: CaseList;
    active: ActiveModel[];
    prompt: PromptSuite;
    repeat: number;
    skip?: Set<string>;
  },
): Promise<RunRecord> {
  const total = work.cases.length * work.active.length * work.repeat - (work.skip?.size ?? 0);
  options.emit({
    type: "run-started",
    runId: work.runId,
    totalCalls: Math.max(total, 0),
    models: work.active.map((m) => m.config.id),
    cases: work.cases.length,
  });
  await runMatrix({
    runId: work.runId,
    loaded,
    cases: work.cases,
    models: work.active,
    prompt: work.prompt,
    store,
    concurrency: options.concurrency ?? loaded.config.concurrency,
    repeat: work.repeat,
    useCache: options.useCache,
    signal: options.signal,
    emit: options.emit,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(work.skip ? { skip: work.skip } : {}),
  });
  const status = options.signal.aborted ? "interrupted" : "finished";
  const stored = store.runs.get(work.runId);
  if (!stored) throw new Error(`run ${work.runId} vanished from the store`);
  scoreRun(store, stored);
  store.runs.finish(work.runId, status);
  options.emit({ type: "run-finished", runId: work.runId, status });
  return { ...stored, status, finishedAt: new Date().toISOString() };
}

/** The dataset's cases, each rendered once as it passes: a case the prompt cannot take stops the run here. */
async function* rendered(cases: AsyncIterable<Case>, prompt: PromptSuite): AsyncGenerator<Case> {
  for await (const item of cases) {
    prompt.render(item);
    yield item;
  }
}

function storedCases(store: Store, runId: string, count: number): StoredCases {
  return new StoredCases(count, (from, to) => store.runs.casesAt(runId, from, to));
}

function selectModels(loaded: LoadedConfig, ids: string[] | undefined) {
  const models = loaded.config.models;
  if (!ids || ids.length === 0) return models;
  const unknown = ids.filter((id) => !models.some((m) => m.id === id));
  if (unknown.length > 0) {
    throw new CallgradeError(
      "USAGE",
      `--models: no model "${unknown.join('", "')}" in ${loaded.file}; known: ${models.map((m) => m.id).join(", ")}`,
    );
  }
  return models.filter((m) => ids.includes(m.id));
}

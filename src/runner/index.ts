// A whole run: load the suite, create providers, send the matrix, score it. Reports are the caller's job.
import { type LoadedConfig, resolveFromConfig } from "../config/load.js";
import type { ModelConfig } from "../config/schema.js";
import { CallgradeError } from "../core/errors.js";
import type { Case } from "../core/types.js";
import { loadDataset } from "../dataset/index.js";
import { loadPrompt, type PromptSuite } from "../prompt/index.js";
import { createProvider } from "../providers/index.js";
import { fieldsFromSchema } from "../scoring/fields.js";
import type { RunRecord, Store } from "../store/index.js";
import type { RunListener } from "./events.js";
import type { RetryPolicy } from "./retry.js";
import { type ActiveModel, runMatrix } from "./run.js";
import { newRunId } from "./run-id.js";
import { scoreRun } from "./score-run.js";

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
  const cases = await loadDataset(resolveFromConfig(loaded, config.dataset), {
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(config.maxTranscriptChars === undefined ? {} : { maxTranscriptChars: config.maxTranscriptChars }),
  });
  const prompt = await loadSuitePrompt(loaded);
  // Every input is checked before a single paid call is made.
  for (const item of cases) prompt.render(item);
  const fields = fieldsFromSchema(config.schema);
  const { active, skipped } = await createProviders(loaded, selected, options);
  if (active.length === 0) {
    throw new CallgradeError(
      "USAGE",
      `no model can run: ${skipped.map((s) => `${s.id}: ${s.reason}`).join("; ")}`,
    );
  }
  const run = {
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
    fields,
    scoring: config.scoring,
    repeat: options.repeat ?? config.repeat,
    skipped,
    knowledgeBase: prompt.knowledgeBase,
    review: config.review,
  };
  store.runs.create(run, cases);
  return execute(loaded, store, options, { runId: run.id, cases, active, prompt, repeat: run.repeat });
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
    throw new CallgradeError(
      "USAGE",
      `cannot resume run ${run.id}: ${skipped.map((s) => `${s.id}: ${s.reason}`).join("; ")}`,
    );
  }
  store.runs.reopen(run.id);
  const cases = store.runs.cases(run.id);
  return execute(loaded, store, options, {
    runId: run.id,
    cases,
    active,
    prompt,
    repeat: run.repeat,
    skip: store.calls.settled(run.id, RETRYABLE_ON_RESUME),
  });
}

async function execute(
  loaded: LoadedConfig,
  store: Store,
  options: RunSuiteOptions,
  work: {
    runId: string;
    cases: Case[];
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

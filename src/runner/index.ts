// A whole run: load the suite, create providers, send the matrix, score it. Reports are the caller's job.
import { type LoadedConfig, resolveFromConfig } from "../config/load.js";
import { CallgradeError } from "../core/errors.js";
import { loadDataset } from "../dataset/index.js";
import { loadPrompt } from "../prompt/index.js";
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

export async function runSuite(
  loaded: LoadedConfig,
  store: Store,
  options: RunSuiteOptions,
): Promise<RunRecord> {
  const { config } = loaded;
  const selected = selectModels(loaded, options.models);
  const cases = await loadDataset(resolveFromConfig(loaded, config.dataset), {
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
  const kb = config.knowledgeBase === undefined ? [] : [config.knowledgeBase].flat();
  const prompt = await loadPrompt({
    templateFile: resolveFromConfig(loaded, config.prompt),
    knowledgeBaseFiles: kb.map((file) => resolveFromConfig(loaded, file)),
    schema: config.schema,
  });
  // Every input is checked before a single paid call is made.
  for (const item of cases) prompt.render(item);
  const fields = fieldsFromSchema(config.schema);

  const active: ActiveModel[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const model of selected) {
    const created = await createProvider(model, { baseDir: loaded.baseDir, env: options.env });
    if ("skipped" in created) {
      skipped.push({ id: model.id, reason: created.skipped });
      options.emit({ type: "model-skipped", modelId: model.id, reason: created.skipped });
    } else active.push({ config: model, provider: created });
  }
  if (active.length === 0) {
    throw new CallgradeError("USAGE", `no model can run: ${skipped.map((s) => s.reason).join("; ")}`);
  }

  const repeat = options.repeat ?? config.repeat;
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
    repeat,
    skipped,
    knowledgeBase: prompt.knowledgeBase,
    review: config.review,
  };
  store.runs.create(run, cases);
  options.emit({
    type: "run-started",
    runId: run.id,
    totalCalls: cases.length * active.length * repeat,
    models: active.map((m) => m.config.id),
    cases: cases.length,
  });
  await runMatrix({
    runId: run.id,
    loaded,
    cases,
    models: active,
    prompt,
    store,
    concurrency: options.concurrency ?? config.concurrency,
    repeat,
    useCache: options.useCache,
    signal: options.signal,
    emit: options.emit,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const status = options.signal.aborted ? "interrupted" : "finished";
  const stored = store.runs.get(run.id);
  if (!stored) throw new Error(`run ${run.id} vanished from the store`);
  scoreRun(store, stored);
  store.runs.finish(run.id, status);
  options.emit({ type: "run-finished", runId: run.id, status });
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

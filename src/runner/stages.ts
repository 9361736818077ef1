// The stages of a run after its inputs are checked: the voice stage, the matrix, the judge, scoring, the
// run's status.
import type { Suite } from "../config/suite.js";
import type { RunRecord, Store } from "../store/index.js";
import type { BatchChoice } from "./batch-choice.js";
import { batchStage } from "./batch-stage.js";
import type { RunListener } from "./events.js";
import { judgeRun } from "./judge.js";
import { type ActiveModel, runMatrix } from "./matrix.js";
import { recogniseRun } from "./recognition.js";
import type { RetryPolicy } from "./retry.js";
import { type ScoringObserver, scoreRun } from "./score-run.js";
import type { CaseList } from "./stored-cases.js";
import { readsTranscript, type Voice, variantSources } from "./voice.js";

export interface StageOptions {
  concurrency?: number;
  useCache: boolean;
  signal: AbortSignal;
  emit: RunListener;
  retry?: Partial<RetryPolicy>;
  /** Sees the run's scoring as it goes: given the run, it returns the observer (see ScoringObserver). */
  observeScoring?: (run: RunRecord) => ScoringObserver;
  /** Where answered calls the store could not take are kept for a resume. */
  heldDir?: string;
  /** The providers' batch APIs: for every model that has one (`all`), else for those with `batch: true`. */
  batch?: BatchChoice;
}

/** Whether a model's calls go through its provider's batch API. */
export function isBatched(model: ActiveModel, choice: BatchChoice | undefined): boolean {
  if (!model.provider.batch) return false;
  return choice?.all === true || ("batch" in model.config && model.config.batch === true);
}

export interface Work {
  runId: string;
  cases: CaseList;
  active: ActiveModel[];
  prompt: Parameters<typeof runMatrix>[0]["prompt"];
  repeat: number;
  skip?: Set<string>;
  voice?: Voice;
  /** The judge of the run's free-text answers, when the config has one. */
  judge?: ActiveModel;
}

export async function runStages(
  loaded: Suite,
  store: Store,
  options: StageOptions,
  work: Work,
): Promise<RunRecord> {
  const recognisers = work.voice?.recognisers ?? [];
  if (recognisers.length > 0) {
    await recogniseRun({
      runId: work.runId,
      store,
      cases: work.cases,
      recognisers,
      concurrency: loaded.config.asr?.concurrency ?? 4,
      useCache: options.useCache,
      signal: options.signal,
      emit: options.emit,
      ...(options.retry ? { retry: options.retry } : {}),
    });
  }
  const variants = variantSources(store, work.runId, work.cases.length, work.active, recognisers);
  const readers = work.active.filter(readsTranscript).length;
  const recognised = recognisers.reduce((n, r) => n + store.transcripts.count(work.runId, r.id), 0);
  const total =
    (work.cases.length * work.active.length + recognised * readers) * work.repeat - (work.skip?.size ?? 0);
  options.emit({
    type: "run-started",
    runId: work.runId,
    totalCalls: Math.max(total, 0),
    models: [...work.active, ...variants.flatMap((v) => v.models)].map((m) => m.config.id),
    cases: work.cases.length,
  });
  // A model the run already sent batches for stays batched on a resume, flag or not: its calls in those
  // batches must not go out again as normal calls.
  const sentBatches = new Set(
    store.batches
      .forRun(work.runId)
      .filter((batch) => batch.state !== "collected")
      .map((batch) => batch.modelId),
  );
  const batched = work.active.filter(
    (model) => isBatched(model, options.batch) || (sentBatches.has(model.config.id) && model.provider.batch),
  );
  let batchesLeft = 0;
  if (!options.signal.aborted) {
    const matrix = runMatrix({
      runId: work.runId,
      loaded,
      cases: work.cases,
      models: work.active.filter((model) => !batched.includes(model)),
      variants,
      prompt: work.prompt,
      store,
      concurrency: options.concurrency ?? loaded.config.concurrency,
      repeat: work.repeat,
      useCache: options.useCache,
      signal: options.signal,
      emit: options.emit,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(work.skip ? { skip: work.skip } : {}),
      ...(options.heldDir ? { heldDir: options.heldDir } : {}),
    });
    const batches =
      batched.length === 0
        ? Promise.resolve(0)
        : batchStage({
            runId: work.runId,
            loaded,
            cases: work.cases,
            models: batched,
            prompt: work.prompt,
            store,
            repeat: work.repeat,
            useCache: options.useCache,
            signal: options.signal,
            emit: options.emit,
            wait: options.batch?.wait !== false,
            ...(options.batch?.pollMs === undefined ? {} : { pollMs: options.batch.pollMs }),
            concurrency: options.concurrency ?? loaded.config.concurrency,
            ...(options.retry ? { retry: options.retry } : {}),
            ...(options.heldDir ? { heldDir: options.heldDir } : {}),
          });
    // Both run to their end before either's failure is thrown: neither is left running unwatched.
    const [calls, batchCalls] = await Promise.allSettled([matrix, batches]);
    if (calls.status === "rejected") throw calls.reason;
    if (batchCalls.status === "rejected") throw batchCalls.reason;
    batchesLeft = batchCalls.value;
  }
  const stored = store.runs.get(work.runId);
  if (!stored) throw new Error(`run ${work.runId} vanished from the store`);
  // With batches still at the provider, the answers are not all in: the judge waits for the resume.
  if (work.judge && !options.signal.aborted && batchesLeft === 0) {
    await judgeRun({
      loaded,
      store,
      run: stored,
      judge: work.judge,
      concurrency: options.concurrency ?? loaded.config.concurrency,
      useCache: options.useCache,
      signal: options.signal,
      emit: options.emit,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.heldDir ? { heldDir: options.heldDir } : {}),
    });
  }
  const status = options.signal.aborted || batchesLeft > 0 ? "interrupted" : "finished";
  scoreRun(store, stored, { observer: options.observeScoring?.(stored) });
  store.runs.finish(work.runId, status);
  options.emit({ type: "run-finished", runId: work.runId, status });
  return { ...stored, status, finishedAt: new Date().toISOString() };
}

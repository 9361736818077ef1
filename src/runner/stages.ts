// The stages of a run after its inputs are checked: the voice stage, the matrix, the judge, scoring, the
// run's status.
import type { Suite } from "../config/suite.js";
import type { RunRecord, Store } from "../store/index.js";
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
  if (!options.signal.aborted) {
    await runMatrix({
      runId: work.runId,
      loaded,
      cases: work.cases,
      models: work.active,
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
  }
  const stored = store.runs.get(work.runId);
  if (!stored) throw new Error(`run ${work.runId} vanished from the store`);
  if (work.judge && !options.signal.aborted) {
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
  const status = options.signal.aborted ? "interrupted" : "finished";
  scoreRun(store, stored, { observer: options.observeScoring?.(stored) });
  store.runs.finish(work.runId, status);
  options.emit({ type: "run-finished", runId: work.runId, status });
  return { ...stored, status, finishedAt: new Date().toISOString() };
}

// A whole run: load the suite, create providers, send the matrix, score it. Reports are the caller's job.
import { structuredFieldNames } from "../config/field-type.js";
import { resolveFromSuite, type Suite } from "../config/suite.js";
import { CallgradeError } from "../core/errors.js";
import { iterateDataset } from "../dataset/index.js";
import type { PromptSuite } from "../prompt/index.js";
import { fieldsFromSchema } from "../scoring/fields.js";
import type { NewRun, RunRecord, Store } from "../store/index.js";
import type { BatchChoice } from "./batch-choice.js";
import { caseCheck } from "./case-check.js";
import type { RunListener } from "./events.js";
import type { ActiveModel } from "./matrix.js";
import type { RetryPolicy } from "./retry.js";
import { newRunId } from "./run-id.js";
import type { ScoringObserver } from "./score-run.js";
import { runStages } from "./stages.js";
import {
  checkedCases,
  closeProviders,
  createJudge,
  createProviders,
  loadSuitePrompt,
  selectModels,
  storedCases,
} from "./suite-parts.js";
import { closeRecognisers, createRecognisers, runModels, type Voice } from "./voice.js";

export type { BatchChoice } from "./batch-choice.js";
export type { RunEvent, RunListener } from "./events.js";
export { RETRYABLE_ON_RESUME, resumeSuite } from "./resume.js";
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
  /** Sees the run's scoring as it goes: given the run, it returns the observer (see ScoringObserver). */
  observeScoring?: (run: RunRecord) => ScoringObserver;
  /** Where answered calls the store could not take are kept, and where a resume looks for them first. */
  heldDir?: string;
  /** Which models go through their provider's batch API, and whether to wait for the batches. */
  batch?: BatchChoice;
}

export async function runSuite(loaded: Suite, store: Store, options: RunSuiteOptions): Promise<RunRecord> {
  const { config } = loaded;
  const selected = selectModels(loaded, options.models);
  const prompt = await loadSuitePrompt(loaded);
  const datasetFile = resolveFromSuite(loaded, config.dataset);
  const fields = fieldsFromSchema(config.schema);
  const dataset = iterateDataset(datasetFile, {
    jsonGoldFields: structuredFieldNames(config.schema),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(config.maxTranscriptChars === undefined ? {} : { maxTranscriptChars: config.maxTranscriptChars }),
  });
  let active: ActiveModel[] = [];
  let voice: Voice | undefined;
  let judge: ActiveModel | undefined;
  try {
    // Every case is read and checked (rendered) before a single paid call is made; none is held in memory.
    // Providers are made once the dataset is known good, as before: its errors are the ones to fix first.
    const run = await store.runs.createFrom(
      checkedCases(dataset, prompt, datasetFile, caseCheck(config.schema, fields, config.scoring)),
      async () => {
        const created = await createProviders(loaded, selected, options);
        active = created.active;
        voice = await createRecognisers(loaded, options.env, options.emit);
        judge = await createJudge(loaded, options);
        return describeRun(loaded, prompt, created, voice, options.repeat ?? config.repeat);
      },
    );
    const cases = storedCases(store, run.id, run.caseCount);
    return await runStages(loaded, store, options, {
      runId: run.id,
      cases,
      active,
      prompt,
      repeat: run.repeat,
      ...(voice ? { voice } : {}),
      ...(judge ? { judge } : {}),
    });
  } finally {
    await closeProviders(judge ? [...active, judge] : active);
    await closeRecognisers(voice);
  }
}

function describeRun(
  loaded: Suite,
  prompt: PromptSuite,
  { active, skipped }: Awaited<ReturnType<typeof createProviders>>,
  voice: Voice,
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
    models: runModels(active, voice.recognisers),
    recognisers: voice.recognisers.map((r) => ({
      id: r.id,
      provider: config.asr?.recognisers.find((c) => c.id === r.id)?.provider ?? "unknown",
    })),
    fields: fieldsFromSchema(config.schema),
    scoring: config.scoring,
    repeat,
    skipped: [...skipped, ...voice.skipped],
    knowledgeBase: prompt.knowledgeBase,
    review: config.review,
  };
}

// Continuing a run that was stopped, killed or left with errors a retry may mend.
import type { Suite } from "../config/suite.js";
import { CallgradeError } from "../core/errors.js";
import { RETRYABLE_ON_RESUME } from "../core/retryable.js";
import type { RunRecord, Store } from "../store/index.js";
import { storeHeld } from "./held-calls.js";
import type { RunSuiteOptions } from "./index.js";
import type { ActiveModel } from "./matrix.js";
import { runStages } from "./stages.js";
import { closeProviders, createJudge, createProviders, loadSuitePrompt, storedCases } from "./suite-parts.js";
import { closeRecognisers, createRecognisers } from "./voice.js";

export { RETRYABLE_ON_RESUME };

/**
 * Continues a run that was stopped or killed, or sends again the calls of a finished run that failed in a way a
 * retry may mend: calls that finished are never sent again, nor files recognised again. The inputs must be the
 * ones the run started with.
 */
export async function resumeSuite(
  loaded: Suite,
  store: Store,
  runId: string | undefined,
  options: RunSuiteOptions,
): Promise<RunRecord> {
  const run = runId ? store.runs.get(runId) : store.runs.latestUnfinished();
  if (!run) {
    throw new CallgradeError(
      "RUN_NOT_FOUND",
      runId
        ? `no run "${runId}" in ${store.file}`
        : store.runs.latest()
          ? `no unfinished run in ${store.file} to resume: its latest run is finished, with its reports and no call a retry may mend`
          : `no run in ${store.file} to resume (a run stopped before its first call stores nothing): start one with \`callgrade run\``,
    );
  }
  // A finished run is resumed for its calls that failed transiently; one with none has nothing left to send,
  // and resuming it only finishes what came after the calls (its reports, the caller's job).
  const judgementsLeft =
    store.judgements.count(run.id) - store.judgements.settled(run.id, RETRYABLE_ON_RESUME).size;
  if (
    run.status === "finished" &&
    store.calls.failedWith(run.id, RETRYABLE_ON_RESUME) === 0 &&
    judgementsLeft === 0
  ) {
    return run;
  }
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
  // Models on recognised transcripts come back with their model and recogniser.
  const models = run.models
    .filter((m) => !m.transcript)
    .map((m) => {
      const model = loaded.config.models.find((candidate) => candidate.id === m.id);
      if (!model)
        throw new CallgradeError(
          "USAGE",
          `run ${run.id} used model "${m.id}", which ${loaded.file} no longer has`,
        );
      return model;
    });
  const missing = run.recognisers.filter((r) => !loaded.config.asr?.recognisers.some((c) => c.id === r.id));
  if (missing.length > 0) {
    throw new CallgradeError(
      "USAGE",
      `run ${run.id} used recogniser "${missing.map((r) => r.id).join('", "')}", which ${loaded.file} no longer has`,
    );
  }
  const { active, skipped } = await createProviders(loaded, models, options);
  const voice = await createRecognisers(
    loaded,
    options.env,
    options.emit,
    run.recognisers.map((r) => r.id),
  );
  const unusable = [...skipped, ...voice.skipped];
  let judge: ActiveModel | undefined;
  try {
    if (unusable.length > 0) {
      throw new CallgradeError(
        "USAGE",
        `cannot resume run ${run.id}: ${unusable.map((s) => `${s.id}: ${s.reason}`).join("; ")}`,
      );
    }
    judge = await createJudge(loaded, options);
    store.runs.reopen(run.id);
    // Answers a lost store could not take, kept on this machine: stored before anything is sent again.
    if (options.heldDir) storeHeld(store, options.heldDir, run.id);
    return await runStages(loaded, store, options, {
      runId: run.id,
      cases: storedCases(store, run.id, store.runs.caseCount(run.id)),
      active,
      prompt,
      repeat: run.repeat,
      skip: store.calls.settled(run.id, RETRYABLE_ON_RESUME),
      voice,
      ...(judge ? { judge } : {}),
    });
  } finally {
    await closeProviders(judge ? [...active, judge] : active);
    await closeRecognisers(voice);
  }
}

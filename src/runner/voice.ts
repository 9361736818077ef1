// What the voice stage adds to a run: its recognisers, and every model again on each recogniser's transcripts.
import { createRecogniser, isSkipped, type Recogniser } from "../asr/recognisers/index.js";
import type { Suite } from "../config/suite.js";
import type { Case } from "../core/types.js";
import { capabilitiesOf } from "../providers/index.js";
import type { RunModel, Store } from "../store/index.js";
import type { RunListener } from "./events.js";
import type { ActiveModel, MatrixSource } from "./matrix.js";
import { StoredCases } from "./stored-cases.js";

export interface Voice {
  recognisers: Recogniser[];
  skipped: { id: string; reason: string }[];
}

/** The id of a model's run on a recogniser's transcripts. */
export const variantId = (model: string, recogniser: string) => `${model}@${recogniser}`;

export async function createRecognisers(
  loaded: Suite,
  env: NodeJS.ProcessEnv,
  emit: RunListener,
  only?: readonly string[],
): Promise<Voice> {
  const voice: Voice = { recognisers: [], skipped: [] };
  for (const config of loaded.config.asr?.recognisers ?? []) {
    if (only && !only.includes(config.id)) continue;
    const created = await createRecogniser(config, { baseDir: loaded.baseDir, env });
    if (isSkipped(created)) {
      voice.skipped.push({ id: config.id, reason: created.skipped });
      emit({ type: "model-skipped", modelId: config.id, reason: `recogniser: ${created.skipped}` });
    } else voice.recognisers.push(created);
  }
  return voice;
}

/**
 * A recorded answer (a replay's) was made from some transcript already, whatever text it is given now, so only
 * models that really read the text run again on recognised transcripts.
 */
export function readsTranscript(model: ActiveModel): boolean {
  return capabilitiesOf(model.config.provider).input === "transcript";
}

/** The run's models: each as configured, then each that reads text again on every recogniser's transcripts. */
export function runModels(active: readonly ActiveModel[], recognisers: readonly Recogniser[]): RunModel[] {
  const plain = active.map(
    ({ config: m }): RunModel => ({
      id: m.id,
      provider: m.provider,
      ...("model" in m ? { model: m.model } : {}),
    }),
  );
  const variants = recognisers.flatMap((recogniser) =>
    active.filter(readsTranscript).map(
      ({ config: m }): RunModel => ({
        id: variantId(m.id, recogniser.id),
        provider: m.provider,
        ...("model" in m ? { model: m.model } : {}),
        transcript: { model: m.id, recogniser: recogniser.id },
      }),
    ),
  );
  return [...plain, ...variants];
}

/** Per recogniser, the lanes of its variants: the run's cases with that recogniser's transcript instead. */
export function variantSources(
  store: Store,
  runId: string,
  caseCount: number,
  active: readonly ActiveModel[],
  recognisers: readonly Recogniser[],
): MatrixSource[] {
  return recognisers.map((recogniser) => ({
    cases: new StoredCases(caseCount, (from, to) => {
      const cases = store.runs.casesAt(runId, from, to);
      const texts = store.transcripts.of(
        runId,
        recogniser.id,
        cases.map((item) => item.id),
      );
      return cases.map((item): Case | undefined => {
        const text = texts.get(item.id)?.text;
        return text === null || text === undefined ? undefined : { ...item, transcript: text };
      });
    }),
    models: active.filter(readsTranscript).map((model) => ({
      ...model,
      config: { ...model.config, id: variantId(model.config.id, recogniser.id) },
    })),
  }));
}

export async function closeRecognisers(voice: Voice | undefined): Promise<void> {
  await Promise.allSettled((voice?.recognisers ?? []).map((r) => r.close?.()));
}

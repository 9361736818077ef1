// What runSuite and resumeSuite share: the prompt, the providers, the cases as the store holds them.
import path from "node:path";
import type { ModelConfig } from "../config/schema.js";
import { resolveFromSuite, type Suite } from "../config/suite.js";
import { CallgradeError } from "../core/errors.js";
import type { Case } from "../core/types.js";
import { loadPrompt, type PromptSuite } from "../prompt/index.js";
import { createProvider } from "../providers/index.js";
import { fieldsFromSchema } from "../scoring/fields.js";
import type { Store } from "../store/index.js";
import type { CaseCheck } from "./case-check.js";
import type { RunListener } from "./events.js";
import { judgedFields } from "./judge.js";
import type { ActiveModel } from "./matrix.js";
import { StoredCases } from "./stored-cases.js";

export async function loadSuitePrompt(loaded: Suite): Promise<PromptSuite> {
  const { config } = loaded;
  const kb = config.knowledgeBase === undefined ? [] : [config.knowledgeBase].flat();
  return loadPrompt({
    templateFile: resolveFromSuite(loaded, config.prompt),
    knowledgeBaseFiles: kb.map((file) => resolveFromSuite(loaded, file)),
    schema: config.schema,
  });
}

export async function createProviders(
  loaded: Suite,
  models: ModelConfig[],
  options: { env: NodeJS.ProcessEnv; emit: RunListener },
) {
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

/** The config's judge, ready to call; undefined without one. A judge that cannot run stops the run here. */
export async function createJudge(
  loaded: Suite,
  options: { env: NodeJS.ProcessEnv },
): Promise<ActiveModel | undefined> {
  const config = loaded.config.judge?.model;
  if (!config) return undefined;
  if ("batch" in config && config.batch === true) {
    throw new CallgradeError(
      "USAGE",
      `${loaded.file}: judge.model.batch: the judge's calls go as normal calls (they follow the models' answers); remove \`batch: true\``,
    );
  }
  // Its fields and id are checked before a single call is made, not after the models answered.
  judgedFields(
    loaded,
    fieldsFromSchema(loaded.config.schema),
    loaded.config.models.map((model) => model.id),
  );
  const created = await createProvider(config, { baseDir: loaded.baseDir, env: options.env });
  if ("skipped" in created) {
    throw new CallgradeError("USAGE", `the judge "${config.id}" cannot run: ${created.skipped}`);
  }
  return { config, provider: created };
}

export async function closeProviders(models: readonly ActiveModel[]): Promise<void> {
  await Promise.allSettled(models.map((model) => model.provider.close?.()));
}

/**
 * The dataset's cases, each checked (transcript and gold) and rendered once as it passes (a case the prompt cannot
 * take stops the run here), with its audio path made absolute: relative to the dataset file, as the user wrote it.
 */
export async function* checkedCases(
  cases: AsyncIterable<Case>,
  prompt: PromptSuite,
  datasetFile: string,
  check: CaseCheck,
): AsyncGenerator<Case> {
  const folder = path.dirname(datasetFile);
  for await (const item of cases) {
    check(item);
    prompt.render(item);
    yield item.audio === undefined ? item : { ...item, audio: path.resolve(folder, item.audio) };
  }
}

export function storedCases(store: Store, runId: string, count: number): StoredCases {
  return new StoredCases(count, (from, to) => store.runs.casesAt(runId, from, to));
}

export function selectModels(loaded: Suite, ids: string[] | undefined) {
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

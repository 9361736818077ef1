// What the batch stage's parts share about one batched model: its batch API, how its requests are made,
// and how a result is stored (the same path a normal call's takes).
import type { Suite } from "../config/suite.js";
import type { BatchApi, CompletionRequest } from "../core/types.js";
import type { PromptSuite } from "../prompt/index.js";
import { redactsFor } from "../prompt/redact.js";
import { type Price, priceFor } from "../providers/prices.js";
import { capabilitiesOf } from "../providers/registry.js";
import type { Store } from "../store/index.js";
import type { PreparedCase } from "./case-requests.js";
import type { RunListener } from "./events.js";
import { type ActiveModel, casePreparer } from "./matrix.js";
import type { RetryPolicy } from "./retry.js";
import type { CaseList } from "./stored-cases.js";

export interface BatchStageOptions {
  runId: string;
  loaded: Suite;
  cases: CaseList;
  /** The models whose calls go through their provider's batch API. */
  models: ActiveModel[];
  prompt: Pick<PromptSuite, "render">;
  store: Store;
  repeat: number;
  useCache: boolean;
  signal: AbortSignal;
  emit: RunListener;
  /** Poll until every batch has ended and its results are stored; false: come back once all are submitted. */
  wait: boolean;
  /** The first wait between polls; it doubles to a minute while nothing changes. @default 10 s */
  pollMs?: number;
  /** For the calls that go as normal calls (a batch's few failures): in flight at most, and their retries. */
  concurrency: number;
  retry?: Partial<RetryPolicy>;
  heldDir?: string;
}

/** One batched model, with everything its requests and results need. */
export interface BatchLane {
  model: ActiveModel;
  api: BatchApi;
  modelId: string;
  price: Price | undefined;
  useCache: boolean;
  redacts: boolean;
  prepare: (item: Parameters<ReturnType<typeof casePreparer>>[0]) => PreparedCase;
}

export function batchLane(options: BatchStageOptions, model: ActiveModel): BatchLane {
  const api = model.provider.batch;
  if (!api) throw new Error(`model ${model.config.id} has no batch API`);
  const { config } = model;
  return {
    model,
    api,
    modelId: config.id,
    price: priceFor(config),
    useCache: options.useCache && capabilitiesOf(config.provider).cacheable,
    redacts: redactsFor(config, capabilitiesOf(config.provider).remote, options.loaded.config.redact),
    prepare: casePreparer(options.loaded, options.prompt),
  };
}

/** What the model is sent for a prepared case: the redacted request when it is sent redacted. */
export function requestOf(lane: BatchLane, prepared: PreparedCase): CompletionRequest {
  return (lane.redacts ? prepared.redaction?.request : undefined) ?? prepared.rendered;
}

/** A call's id in a batch: its case's place in the dataset and its repetition ("c12-r0"), as both APIs allow. */
export function customId(idx: number, rep: number): string {
  return `c${idx}-r${rep}`;
}

export function parseCustomId(id: string): { idx: number; rep: number } | undefined {
  const match = /^c(\d{1,9})-r(\d{1,6})$/.exec(id);
  return match ? { idx: Number(match[1]), rep: Number(match[2]) } : undefined;
}

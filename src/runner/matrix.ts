// The matrix: every case × model × repeat, fed lazily under global and per-model limits, stored as each call ends.
import { setMaxListeners } from "node:events";
import type { z } from "zod";
import type { Suite } from "../config/suite.js";
import type { Case, Provider } from "../core/types.js";
import type { PromptSuite } from "../prompt/index.js";
import { createRedactor, redactsFor } from "../prompt/redact.js";
import { callTimeoutMs } from "../providers/call-scope.js";
import { priceFor } from "../providers/prices.js";
import { capabilitiesOf } from "../providers/registry.js";
import { type CallRecord, callKey, isConnectionLost } from "../store/index.js";
import { AdaptiveLimit } from "./adaptive-limit.js";
import { CacheAhead } from "./cache-ahead.js";
import { CaseRequests, type PreparedCase } from "./case-requests.js";
import type { RunListener } from "./events.js";
import { keepHeld } from "./held-calls.js";
import { DEFAULT_RETRY, ModelGate, type RetryPolicy } from "./retry.js";
import {
  type ActiveModel,
  type Lane,
  lookUp,
  type MatrixStore,
  type RunContext,
  settleCall,
} from "./settle-call.js";
import { acquireBoth, Slots } from "./slots.js";
import type { CaseList } from "./stored-cases.js";
import { WriteBatch } from "./write-batch.js";

export type { ActiveModel, MatrixStore } from "./settle-call.js";

/**
 * How long answered calls wait for a store that lost its connection (a database server restarting) before
 * the run gives up on storing them: long enough for a restart or a failover, and every second of it says so.
 */
const STORE_WAIT_MS = 10 * 60_000;

export interface MatrixOptions {
  runId: string;
  loaded: Suite;
  cases: CaseList;
  models: ActiveModel[];
  prompt: Pick<PromptSuite, "render">;
  store: MatrixStore;
  concurrency: number;
  repeat: number;
  useCache: boolean;
  signal: AbortSignal;
  emit: RunListener;
  retry?: Partial<RetryPolicy>;
  /** Where answered calls the store could not take are kept for a resume (see held-calls.ts); calls only. */
  heldDir?: string;
  /** Calls already settled (a resume): `callKey(case, model, rep)`. */
  skip?: Set<string>;
  /**
   * More cases for more lanes: the same models on a speech recogniser's transcripts, under their own ids.
   * A lane shares its provider's limits with every other lane on that provider.
   */
  variants?: MatrixSource[];
  /** What the answers are checked against. @default the suite's schema */
  schema?: z.ZodObject;
  /** Where a batch of settled calls is written. @default the store's calls */
  record?: (records: readonly CallRecord[]) => void;
  /** Keeps a batch the store never took, and says where (see write-batch.ts). @default in heldDir, as calls */
  keep?: (records: readonly CallRecord[]) => string;
}

/** Some models and the cases they are sent; a case the list has no entry for is not sent. */
export interface MatrixSource {
  cases: CaseList;
  models: ActiveModel[];
}

/** What all lanes share: the run, the global slots, and whether to stop feeding. */
interface Feed {
  run: RunContext;
  global: Slots;
  /** Calls in flight at most: also how many cached answers a lane stores before it waits for them. */
  concurrency: number;
  skip: Set<string> | undefined;
  stopped(): boolean;
  fail(error: unknown): void;
}

/** What the lanes of one source share: its cases, each rendered once for all of them. */
interface SourceFeed {
  cases: CaseList;
  requests: CaseRequests;
}

/**
 * Sends every call of the matrix; resolves when all have a terminal result (or the signal stopped them).
 *
 * Work is fed lazily: one lane per model walks its cases and repeats in order and starts a call only once
 * it holds a slot of its model's limit and then one of the global limit, so at most `concurrency` calls
 * exist at a time, plus one waiting per model, however large the matrix. The global slots go first come,
 * first served, so every model makes progress. A model's limit adapts to its provider (AdaptiveLimit).
 */
export async function runMatrix(options: MatrixOptions): Promise<void> {
  const { models, repeat } = options;
  // Every call in flight listens on the run's signal (and stops listening when it ends): as many listeners as
  // the concurrency, which is no leak, so Node's warning past 10 would only alarm the user.
  setMaxListeners(0, options.signal);
  const prepare = casePreparer(options.loaded, options.prompt);
  let failure: { error: unknown } | undefined;
  const feed: Feed = {
    run: {
      runId: options.runId,
      store: options.store,
      writes: callWrites(options),
      schema: options.schema ?? options.loaded.config.schema,
      repeat,
      signal: options.signal,
      emit: options.emit,
    },
    global: new Slots(options.concurrency),
    concurrency: options.concurrency,
    skip: options.skip,
    stopped: () => options.signal.aborted || failure !== undefined,
    fail: (error) => {
      failure ??= { error };
    },
  };
  const sources: MatrixSource[] = [{ cases: options.cases, models }, ...(options.variants ?? [])];
  const limits = new Map<Provider, Pick<Lane, "gate" | "limit">>();
  const lanes = sources.flatMap((source) => {
    const sourceFeed: SourceFeed = {
      cases: source.cases,
      // Enough for models moving close together to share a rendering; one far behind renders its own again.
      requests: new CaseRequests(
        source.cases,
        prepare,
        source.models.length * repeat,
        2 * options.concurrency + source.models.length,
      ),
    };
    return source.models.map((model) => runLane(feed, sourceFeed, createLane(options, model, limits)));
  });
  await Promise.all(lanes);
  if (failure) throw failure.error;
}

/**
 * Renders a case once for every model, so each gets exactly the same strings, and redacts it right then:
 * a pure function of the case, so a case rendered again (another process collecting a batch) gets the same
 * request and the same redaction.
 */
export function casePreparer(
  loaded: Suite,
  prompt: Pick<PromptSuite, "render">,
): (item: Case) => PreparedCase {
  const kinds = loaded.config.redact ?? [];
  const redactor = createRedactor(kinds, loaded.config.scoring);
  return (item) => {
    const rendered = prompt.render(item);
    return kinds.length > 0 ? { rendered, redaction: redactor.redact(rendered, item) } : { rendered };
  };
}

/** Where a run's finished calls go: to the store a batch at a time, waiting out a store that went away. */
export function callWrites(
  options: Pick<MatrixOptions, "store" | "record" | "keep" | "heldDir" | "emit" | "signal">,
): WriteBatch {
  return new WriteBatch(options.record ?? ((records) => options.store.calls.recordAll(records)), {
    transient: isConnectionLost,
    budgetMs: STORE_WAIT_MS,
    onWait: (error, attempt, delayMs) =>
      options.emit({
        type: "store-waiting",
        attempt,
        delayMs,
        message: error instanceof Error ? error.message : String(error),
      }),
    onBack: (waitedMs) => options.emit({ type: "store-back", waitedMs }),
    ...(options.keep
      ? { keep: options.keep }
      : options.heldDir
        ? { keep: (records) => keepHeld(options.heldDir ?? "", records) }
        : {}),
    signal: options.signal,
  });
}

function createLane(
  options: MatrixOptions,
  model: ActiveModel,
  limits: Map<Provider, Pick<Lane, "gate" | "limit">>,
): Lane {
  const { config } = model;
  // One provider, one quota: a model's lanes on other transcripts share its limit and its 429 pauses.
  let shared = limits.get(model.provider);
  if (!shared) {
    shared = {
      gate: new ModelGate(),
      limit: new AdaptiveLimit({
        max: config.concurrency ?? options.concurrency,
        onChange: (next) => options.emit({ type: "concurrency-changed", modelId: config.id, limit: next }),
      }),
    };
    limits.set(model.provider, shared);
  }
  return {
    model,
    ...shared,
    retry: {
      ...DEFAULT_RETRY,
      ...options.retry,
      maxRetries: config.maxRetries ?? options.retry?.maxRetries ?? DEFAULT_RETRY.maxRetries,
    },
    timeoutMs: callTimeoutMs(config),
    price: priceFor(config),
    useCache: options.useCache && capabilitiesOf(config.provider).cacheable,
    redacts: redactsFor(config, capabilitiesOf(config.provider).remote, options.loaded.config.redact),
  };
}

/** One model's calls in order; returns when each has ended or the feed stopped and those started ended. */
async function runLane(feed: Feed, source: SourceFeed, lane: Lane): Promise<void> {
  const running = new Set<Promise<void>>();
  const modelId = lane.model.config.id;
  let answered = 0;
  let hitting = true;
  const ahead = new CacheAhead(feed.run, lane, source, feed.skip);
  const start = (index: number, task: Promise<void>, release?: () => void) => {
    const tracked: Promise<void> = task.catch(feed.fail).finally(() => {
      release?.();
      source.requests.done(index);
      running.delete(tracked);
    });
    running.add(tracked);
    return tracked;
  };
  try {
    for (let index = 0; index < source.cases.length; index++) {
      const id = source.cases.at(index)?.id;
      let prepared: PreparedCase | undefined;
      for (let rep = 0; rep < feed.run.repeat; rep++) {
        if (feed.stopped()) return;
        // No such case for this source (no transcript of it), or settled before a resume.
        if (id === undefined || feed.skip?.has(callKey(id, modelId, rep))) {
          source.requests.done(index);
          continue;
        }
        prepared ??= source.requests.get(index);
        // While the cache answers this lane, it looks a call up before taking a slot: an answer from the cache
        // sends nothing, so it takes none, and only the stores wait, a concurrency's worth at a time, so the
        // lane yields to the others and to the event loop. The calls up to that point are looked up at once.
        const early = hitting
          ? ahead.at(index, rep, feed.concurrency - (answered % feed.concurrency))
          : undefined;
        if (early?.hit) {
          const task = start(index, settleCall(feed.run, lane, prepared, rep, early));
          if (++answered % feed.concurrency === 0) await task;
          continue;
        }
        const releases = await acquireBoth(lane.limit, feed.global);
        if (feed.stopped()) {
          releases();
          source.requests.done(index);
          return;
        }
        // Looked up once it holds its slots: while it waited, another call with the same request (a redacted
        // one, say) may have been answered and stored.
        const cache = lookUp(feed.run, lane, prepared, rep);
        hitting = cache?.hit !== undefined;
        start(index, settleCall(feed.run, lane, prepared, rep, cache), releases);
      }
    }
  } catch (error) {
    feed.fail(error);
  } finally {
    // Stopped or not, every call already started gets its terminal result (or its abort) before the run ends.
    await Promise.all(running);
  }
}

// The voice stage of a run: every case's audio through every speech recogniser, stored with its error counts
// against the reference transcript, before any model is asked to extract from the text.
import { setMaxListeners } from "node:events";
import { charErrors, referenceText, wordErrors } from "../asr/error-rate.js";
import type { RecogniseResult, Recogniser } from "../asr/recognisers/index.js";
import { sha256 } from "../core/hash.js";
import type { AlignmentCounts } from "../core/summary.js";
import type { Case } from "../core/types.js";
import type { Store } from "../store/index.js";
import { AdaptiveLimit } from "./adaptive-limit.js";
import { runAttempts } from "./attempt-loop.js";
import { audioDigest } from "./audio-digest.js";
import type { RunListener } from "./events.js";
import { DEFAULT_RETRY, ModelGate, type RetryPolicy } from "./retry.js";
import { acquireBoth, Slots } from "./slots.js";
import type { CaseList } from "./stored-cases.js";

export interface RecognitionOptions {
  runId: string;
  store: {
    transcripts: Pick<Store["transcripts"], "done" | "record">;
    cache: Pick<Store["cache"], "get" | "put">;
  };
  cases: CaseList;
  recognisers: Recogniser[];
  /** Files in flight over all recognisers, and each recogniser's own limit unless its config sets one. */
  concurrency: number;
  useCache: boolean;
  signal: AbortSignal;
  emit: RunListener;
  retry?: Partial<RetryPolicy>;
}

/** What every file sent to one recogniser shares: its pause, its adaptive limit, its retry policy and deadline. */
interface RecogniserLane {
  recogniser: Recogniser;
  gate: ModelGate;
  limit: AdaptiveLimit;
  retry: RetryPolicy;
  timeoutMs: number | undefined;
  /** Files stored before a resume: not sent again. */
  done: Set<string>;
}

function counts(c: { ref: number; sub: number; del: number; ins: number }): AlignmentCounts {
  return { ref: c.ref, sub: c.sub, del: c.del, ins: c.ins };
}

/**
 * Recognises what is not already stored (a resume recognises only the rest). Each recogniser's files go
 * out under its own adaptive limit and then one limit for all; an attempt goes through the same loop as a
 * model call (pause on 429, used-up quota, wait budget, deadline), and a failure of one file never stops
 * the others: it is stored as that file's error.
 */
export async function recogniseRun(options: RecognitionOptions): Promise<void> {
  // Every attempt with a deadline listens on the run's signal while it lasts: as many as the concurrency,
  // which is no leak, so Node's warning past 10 would only alarm the user.
  setMaxListeners(0, options.signal);
  let files = 0;
  for (let index = 0; index < options.cases.length; index++) {
    const item = options.cases.at(index);
    if (item?.audio) files++;
  }
  options.emit({ type: "recognition-started", recognisers: options.recognisers.map((r) => r.id), files });
  const global = new Slots(options.concurrency);
  await Promise.all(
    options.recognisers.map((recogniser) => runLane(options, global, createLane(options, recogniser))),
  );
}

function createLane(options: RecognitionOptions, recogniser: Recogniser): RecogniserLane {
  const limits = recogniser.limits ?? {};
  return {
    recogniser,
    gate: new ModelGate(),
    limit: new AdaptiveLimit({
      max: limits.concurrency ?? options.concurrency,
      onChange: (next) => options.emit({ type: "concurrency-changed", modelId: recogniser.id, limit: next }),
    }),
    retry: {
      ...DEFAULT_RETRY,
      ...options.retry,
      maxRetries: limits.maxRetries ?? options.retry?.maxRetries ?? DEFAULT_RETRY.maxRetries,
    },
    timeoutMs: limits.timeoutMs,
    done: options.store.transcripts.done(options.runId, recogniser.id),
  };
}

/** One recogniser's files in order; returns when each started one has ended. */
async function runLane(options: RecognitionOptions, global: Slots, lane: RecogniserLane): Promise<void> {
  // Only the files in flight are held, as in the matrix: a long voice run does not keep every settled promise.
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for (let index = 0; index < options.cases.length && !options.signal.aborted; index++) {
    const item = options.cases.at(index);
    if (!item?.audio || lane.done.has(item.id)) continue;
    const release = await acquireBoth(lane.limit, global);
    if (options.signal.aborted) {
      release();
      break;
    }
    const task: Promise<void> = recogniseOne(options, lane, item)
      .catch((error: unknown) => {
        // A file's own failure is stored as its error; this is the store failing. The first one ends the lane.
        failure ??= { error };
      })
      .finally(() => {
        release();
        running.delete(task);
      });
    running.add(task);
    if (failure) break;
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}

async function recogniseOne(options: RecognitionOptions, lane: RecogniserLane, item: Case): Promise<void> {
  const { recogniser } = lane;
  const audioPath = item.audio ?? "";
  const key = options.useCache ? await cacheKeyOf(recogniser, audioPath) : undefined;
  const cached = key === undefined ? undefined : options.store.cache.get(key);
  let result: RecogniseResult;
  let attempts = 0;
  if (cached) result = { ok: true, text: cached.text, latencyMs: cached.latencyMs };
  else {
    const attempted = await runAttempts<RecogniseResult>({
      caller: "recogniser",
      send: (signal, timeoutMs) =>
        recogniser.recognise(
          { caseId: item.id, audioPath },
          timeoutMs === undefined ? { signal } : { signal, timeoutMs },
        ),
      failure: (error, latencyMs) => ({ ok: false, error, latencyMs }),
      timeoutMs: lane.timeoutMs,
      retry: lane.retry,
      gate: lane.gate,
      limiter: lane.limit,
      signal: options.signal,
      onRetry: ({ attempt, delayMs, failed }) => {
        if (failed.ok) return;
        options.emit({
          type: "recognition-retrying",
          recogniser: recogniser.id,
          caseId: item.id,
          attempt,
          delayMs,
          errorKind: failed.error.kind,
        });
      },
    });
    result = attempted.result;
    attempts = attempted.attempts;
  }
  // Stopped by the user: nothing is stored, and a resume recognises the file again.
  if (!result.ok && result.error.kind === "aborted" && options.signal.aborted) return;
  const reference = referenceText(item.transcript);
  if (result.ok && key !== undefined && !cached) {
    options.store.cache.put(key, recogniser.id, {
      text: result.text,
      usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 },
      finishReason: null,
      latencyMs: result.latencyMs,
    });
  }
  options.store.transcripts.record({
    runId: options.runId,
    caseId: item.id,
    recogniser: recogniser.id,
    text: result.ok ? result.text : null,
    error: result.ok ? null : { kind: result.error.kind, message: result.error.message },
    latencyMs: result.latencyMs,
    attempts,
    fromCache: cached !== undefined,
    words: result.ok ? counts(wordErrors(reference, result.text)) : null,
    chars: result.ok ? counts(charErrors(reference, result.text)) : null,
  });
  options.emit({
    type: "recognition-finished",
    recogniser: recogniser.id,
    caseId: item.id,
    ok: result.ok,
    ...(result.ok ? {} : { errorKind: result.error.kind }),
  });
}

/** The same audio through the same recogniser and settings is the same transcript; an unreadable file has no key. */
async function cacheKeyOf(recogniser: Recogniser, audioPath: string): Promise<string | undefined> {
  const digest = await audioDigest(audioPath);
  return digest === undefined ? undefined : `asr:${sha256(`${recogniser.fingerprint}\0${digest}`)}`;
}

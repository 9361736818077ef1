// The voice stage of a run: every case's audio through every speech recogniser, stored with its error counts
// against the reference transcript, before any model is asked to extract from the text.
import { charErrors, referenceText, wordErrors } from "../asr/error-rate.js";
import type { RecogniseResult, Recogniser } from "../asr/recognisers/index.js";
import { sha256 } from "../core/hash.js";
import type { AlignmentCounts } from "../core/summary.js";
import type { CallError, Case } from "../core/types.js";
import type { Store } from "../store/index.js";
import { audioDigest } from "./audio-digest.js";
import type { RunListener } from "./events.js";
import { backoffMs, DEFAULT_RETRY, type RetryPolicy, sleep } from "./retry.js";
import { Slots } from "./slots.js";
import type { CaseList } from "./stored-cases.js";

export interface RecognitionOptions {
  runId: string;
  store: Pick<Store, "transcripts" | "cache">;
  cases: CaseList;
  recognisers: Recogniser[];
  concurrency: number;
  useCache: boolean;
  signal: AbortSignal;
  emit: RunListener;
  retry?: Partial<RetryPolicy>;
}

function counts(c: { ref: number; sub: number; del: number; ins: number }): AlignmentCounts {
  return { ref: c.ref, sub: c.sub, del: c.del, ins: c.ins };
}

/**
 * Recognises what is not already stored (a resume recognises only the rest). Files go out under one limit
 * for all recognisers; a transient failure (rate limit, 5xx, timeout) is retried like a model call, and a
 * failure of one file never stops the others: it is stored as that file's error.
 */
export async function recogniseRun(options: RecognitionOptions): Promise<void> {
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  const slots = new Slots(options.concurrency);
  const work: Promise<void>[] = [];
  let files = 0;
  const done = new Map(
    options.recognisers.map((r) => [r.id, options.store.transcripts.done(options.runId, r.id)]),
  );
  for (let index = 0; index < options.cases.length; index++) {
    const item = options.cases.at(index);
    if (item?.audio) files++;
  }
  options.emit({ type: "recognition-started", recognisers: options.recognisers.map((r) => r.id), files });
  for (let index = 0; index < options.cases.length && !options.signal.aborted; index++) {
    const item = options.cases.at(index);
    if (!item?.audio) continue;
    for (const recogniser of options.recognisers) {
      if (done.get(recogniser.id)?.has(item.id)) continue;
      const release = await slots.acquire();
      if (options.signal.aborted) {
        release();
        break;
      }
      work.push(recogniseOne(options, recogniser, item, policy).finally(release));
    }
  }
  await Promise.all(work);
}

async function recogniseOne(
  options: RecognitionOptions,
  recogniser: Recogniser,
  item: Case,
  policy: RetryPolicy,
): Promise<void> {
  const audioPath = item.audio ?? "";
  const key = options.useCache ? await cacheKeyOf(recogniser, audioPath) : undefined;
  const cached = key === undefined ? undefined : options.store.cache.get(key);
  let result: RecogniseResult;
  let attempts = 0;
  if (cached) result = { ok: true, text: cached.text, latencyMs: cached.latencyMs };
  else {
    for (;;) {
      attempts++;
      result = await recogniser.recognise({ caseId: item.id, audioPath }, { signal: options.signal });
      if (result.ok || !result.error.retryable || attempts > policy.maxRetries || options.signal.aborted)
        break;
      await sleep(backoffMs(result.error as CallError, attempts - 1, policy), options.signal);
    }
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

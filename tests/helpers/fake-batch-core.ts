// What the fake API's two batch APIs (fake-batch-openai.ts, fake-batch-anthropic.ts) share: the test
// controls, a batch's life from submitted to ended, its requests' answers, result downloads that can be cut
// short, and cursor paging.
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { FakeApiCall } from "./fake-api.js";
import {
  anthropicMessage,
  type Counts,
  type FakeApiKind,
  type FakeReply,
  openaiCompletion,
} from "./fake-api-replies.js";

/** How a batch ends: every request answered, none (all expire), or the first `expireAfter` of them. */
export type FakeBatchFate = "complete" | "expire" | { expireAfter: number };

export interface FakeBatchFateInfo {
  api: FakeApiKind;
  id: string;
  /** Requests in the batch. */
  count: number;
  /** 0-based order this batch was created in on this server, both APIs counted together. */
  index: number;
}

export interface FakeBatchOptions {
  /**
   * How many retrieves a batch stays unfinished for; the retrieve after them finds it ended, its requests
   * answered by `respond` at that moment. OpenAI's batch shows "in_progress", then "finalizing" on the last.
   * @default 2
   * @example { pollsToFinish: 0 } // the first retrieve finds the batch ended
   */
  pollsToFinish?: number;
  /**
   * How each batch ends, asked once when it is created.
   * @default () => "complete"
   * @example { fate: ({ index }) => (index === 0 ? { expireAfter: 2 } : "complete") }
   */
  fate?: (info: FakeBatchFateInfo) => FakeBatchFate;
  /**
   * The first download of each result file (OpenAI's output and error files, Anthropic's results) sends only
   * this many lines, then the connection is destroyed; later downloads are whole. A file of no more lines
   * than this is sent whole. Off when absent.
   * @example { cutResultsAfter: 3 }
   */
  cutResultsAfter?: number;
}

/** A batch as the fake holds it, updated in place as it moves on. */
export interface FakeBatchInfo {
  api: FakeApiKind;
  id: string;
  /** The provider's own word: OpenAI's `status`, Anthropic's `processing_status`. */
  status: string;
  /** Requests in the batch (an OpenAI input file's lines, valid or not). */
  count: number;
  /** 0-based order this batch was created in on this server. */
  index: number;
  /** Retrieves of this batch so far (Anthropic's SDK retrieves once more before downloading results). */
  retrieves: number;
  /** The requests' custom ids, in the order submitted. */
  customIds: string[];
  /** "failed" for an OpenAI batch whose input file did not validate. */
  fate: FakeBatchFate | "failed";
}

/** What became of one request once its batch ended. */
export type Outcome =
  | { kind: "answered"; body: object; requestId: string }
  | { kind: "error"; status: number; body: unknown; requestId: string }
  | { kind: "expired" }
  | { kind: "canceled" };

export interface BatchRequest {
  customId: string;
  body: unknown;
}

export interface BatchRecord {
  info: FakeBatchInfo;
  requests: BatchRequest[];
  /** Ends the batch on its next retrieve, whatever its polls say. */
  cancelling: boolean;
  /** Set once the batch has ended: one per request, in order. */
  outcomes?: Outcome[];
  /** Retrieves run one after another, so one batch never ends twice. */
  queue: Promise<unknown>;
}

/** What a retrieve found: still running (the how-many-th unfinished retrieve), or ended by it or before. */
export type Step = { running: number } | { ended: "now" | "before" };

/** What the batch code needs from the server around it. */
export interface BatchDeps {
  url: () => string;
  options: FakeBatchOptions;
  respond: (call: FakeApiCall) => FakeReply | Promise<FakeReply>;
  /** The same count of repeats the chat routes keep, so a batch request after a normal call is attempt 2. */
  attempt: (api: FakeApiKind, body: unknown) => number;
  countTokens: (api: FakeApiKind, body: unknown) => Counts;
  nextSeq: () => number;
}

export interface BatchHttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The body parsed as JSON, or as text when it is not. */
  body: unknown;
  raw: Buffer;
  contentType: string | undefined;
}

/** A batch route: false when the request is none of its paths. */
export type BatchRoute = (req: BatchHttpRequest, res: ServerResponse) => Promise<boolean>;

export const hexId = (bytes = 12): string => randomBytes(bytes).toString("hex");

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** A result file; its first download is cut after `cut` lines when the test asked for that. */
export function sendLines(res: ServerResponse, text: string, contentType: string, cut?: number): void {
  const lines = text.split(/(?<=\n)/).filter((line) => line !== "");
  if (cut === undefined || cut >= lines.length) {
    res.writeHead(200, { "content-type": contentType, "content-length": String(Buffer.byteLength(text)) });
    res.end(text);
    return;
  }
  // No content-length: the body is chunked, so the client sees a cut, not a short but complete file.
  res.writeHead(200, { "content-type": contentType });
  res.flushHeaders();
  const part = lines.slice(0, cut).join("");
  if (part === "") res.socket?.destroy();
  else res.write(part, () => res.socket?.destroy());
}

/**
 * One page of `items` (newest first): those after the id `after` or, going back towards the newest, the
 * `limit` just before the id `before`. `hasMore` says whether more lie beyond the page in that direction.
 */
export function pageOf<T>(
  items: T[],
  idOf: (item: T) => string,
  limit: number,
  cursor: { after?: string | null; before?: string | null },
): { data: T[]; hasMore: boolean } {
  if (cursor.before) {
    const end = items.findIndex((item) => idOf(item) === cursor.before);
    const stop = end === -1 ? 0 : end;
    const start = Math.max(0, stop - limit);
    return { data: items.slice(start, stop), hasMore: start > 0 };
  }
  const at = cursor.after ? items.findIndex((item) => idOf(item) === cursor.after) : -1;
  const start = cursor.after && at === -1 ? items.length : at + 1;
  const data = items.slice(start, start + limit);
  return { data, hasMore: start + limit < items.length };
}

/** A `limit` query parameter: the default when absent, undefined when it is not a whole number in range. */
export function limitOf(query: URLSearchParams, max: number): number | undefined {
  const text = query.get("limit");
  if (text === null) return 20;
  const limit = Number(text);
  return Number.isInteger(limit) && limit >= 1 && limit <= max ? limit : undefined;
}

/** The batches both APIs keep, and the lifecycle they share. */
export function createBatchCore(deps: BatchDeps) {
  const infos: FakeBatchInfo[] = [];
  const submissions = new Map<string, number>();
  const records = new Map<string, BatchRecord>();
  let requestSeq = 0;
  const pollsToFinish = deps.options.pollsToFinish ?? 2;

  /** A new batch; `failed` skips the fate (its requests never run) and the submission count. */
  function add(api: FakeApiKind, id: string, requests: BatchRequest[], failed = false): BatchRecord {
    const index = infos.length;
    const count = requests.length;
    const fate = failed ? "failed" : (deps.options.fate?.({ api, id, count, index }) ?? "complete");
    const info: FakeBatchInfo = {
      api,
      id,
      status: "",
      count,
      index,
      retrieves: 0,
      customIds: requests.map((r) => r.customId),
      fate,
    };
    if (!failed) {
      for (const { customId } of requests) {
        const key = `${api}:${customId}`;
        submissions.set(key, (submissions.get(key) ?? 0) + 1);
      }
    }
    const record: BatchRecord = { info, requests, cancelling: false, queue: Promise.resolve() };
    infos.push(info);
    records.set(id, record);
    return record;
  }

  async function answer(api: FakeApiKind, id: string, request: BatchRequest): Promise<Outcome> {
    const { customId, body } = request;
    const call: FakeApiCall = { api, body, attempt: deps.attempt(api, body), batch: { id, customId } };
    const reply = await deps.respond(call);
    requestSeq += 1;
    const requestId = `req_fake_batch_${requestSeq}`;
    // A batch has no connection to hang or cut: the provider records such a request as a server error.
    if ("hang" in reply || "reset" in reply || "malformed" in reply) {
      return { kind: "error", status: 500, body: undefined, requestId };
    }
    if ("status" in reply) return { kind: "error", status: reply.status, body: reply.body, requestId };
    const build = api === "openai" ? openaiCompletion : anthropicMessage;
    const answerBody = build(reply, body, deps.countTokens(api, body), deps.nextSeq());
    return { kind: "answered", body: answerBody, requestId };
  }

  async function end(record: BatchRecord, cancelled: boolean): Promise<void> {
    const { fate, api, id } = record.info;
    if (fate === "failed" && !cancelled) {
      record.outcomes = [];
      return;
    }
    let answered = 0;
    if (!cancelled && fate !== "failed") {
      answered = fate === "complete" ? record.requests.length : fate === "expire" ? 0 : fate.expireAfter;
    }
    const outcomes: Outcome[] = [];
    for (const [i, request] of record.requests.entries()) {
      if (i < answered) outcomes.push(await answer(api, id, request));
      else outcomes.push({ kind: cancelled ? "canceled" : "expired" });
    }
    record.outcomes = outcomes;
  }

  /** A retrieve: counts it and ends the batch once its polls are spent or a cancel is pending. */
  function retrieve(record: BatchRecord): Promise<Step> {
    const step = async (): Promise<Step> => {
      record.info.retrieves += 1;
      if (record.outcomes) return { ended: "before" };
      if (record.cancelling || record.info.fate === "failed" || record.info.retrieves > pollsToFinish) {
        await end(record, record.cancelling);
        return { ended: "now" };
      }
      return { running: record.info.retrieves };
    };
    const next = record.queue.then(step);
    record.queue = next.catch(() => undefined);
    return next;
  }

  /** Batches of one API, newest first, as both APIs list them. */
  const newestFirst = (api: FakeApiKind): BatchRecord[] =>
    [...records.values()].filter((r) => r.info.api === api).reverse();

  return { infos, submissions, records, add, retrieve, newestFirst, pollsToFinish };
}

export type BatchCore = ReturnType<typeof createBatchCore>;

// Anthropic's Message Batches on the fake: requests sent in one JSON body, checked as the API checks them, and
// their results served as JSONL from the batch's results_url once it has ended.
import type { ServerResponse } from "node:http";
import type { MessageBatch } from "@anthropic-ai/sdk/resources/messages/batches";
import {
  type BatchCore,
  type BatchHttpRequest,
  type BatchRecord,
  type BatchRequest,
  type BatchRoute,
  hexId,
  isRecord,
  limitOf,
  type Outcome,
  pageOf,
  sendJson,
  sendLines,
} from "./fake-batch-core.js";

interface AnthropicBatch {
  record: BatchRecord;
  wire: MessageBatch;
  /** The results JSONL, written when the batch ends. */
  results?: string;
  downloads: number;
}

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_REQUESTS = 100_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The error type Anthropic gives each HTTP status; any other 4xx is a bad request, any other 5xx its own. */
const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const errorType = (status: number): string =>
  ERROR_TYPES[status] ?? (status < 500 ? "invalid_request_error" : "api_error");

function fail(res: ServerResponse, status: number, message: string): true {
  sendJson(res, status, { type: "error", error: { type: errorType(status), message } });
  return true;
}

/** The requests of a create body, or why Anthropic would refuse it with a 400. */
function readRequests(body: unknown): BatchRequest[] | string {
  const requests = isRecord(body) ? body.requests : undefined;
  if (!Array.isArray(requests)) return "requests: Field required";
  if (requests.length === 0) return "requests: List should have at least 1 item after validation, not 0";
  if (requests.length > MAX_REQUESTS) {
    return `requests: List should have at most ${MAX_REQUESTS} items after validation, not ${requests.length}`;
  }
  const seen = new Set<string>();
  const read: BatchRequest[] = [];
  for (const [i, request] of requests.entries()) {
    const customId = isRecord(request) ? request.custom_id : undefined;
    const params = isRecord(request) ? request.params : undefined;
    if (typeof customId !== "string") return `requests.${i}.custom_id: Field required`;
    if (!CUSTOM_ID.test(customId)) {
      return `requests.${i}.custom_id: String should match pattern '${CUSTOM_ID.source}'`;
    }
    if (!isRecord(params)) return `requests.${i}.params: Field required`;
    if (seen.has(customId)) {
      return `requests.${i}.custom_id: Duplicate custom_id '${customId}'; each request in a batch needs a unique custom_id`;
    }
    seen.add(customId);
    read.push({ customId, body: params });
  }
  return read;
}

/** A request's result as the results file has it. */
function resultOf(outcome: Outcome): object {
  switch (outcome.kind) {
    case "answered":
      return { type: "succeeded", message: outcome.body };
    case "error": {
      const given = isRecord(outcome.body) && outcome.body.type === "error" ? outcome.body : undefined;
      const message = `fake error ${outcome.status}`;
      return {
        type: "errored",
        error: given ?? { type: "error", error: { type: errorType(outcome.status), message } },
      };
    }
    default:
      return { type: outcome.kind };
  }
}

export function anthropicBatchRoutes(
  core: BatchCore,
  url: () => string,
  cutResultsAfter: number | undefined,
): BatchRoute {
  const batches = new Map<string, AnthropicBatch>();

  function create(req: BatchHttpRequest, res: ServerResponse): true {
    const requests = readRequests(req.body);
    if (typeof requests === "string") return fail(res, 400, requests);
    const id = `msgbatch_${hexId()}`;
    const created = Date.now();
    const wire: MessageBatch = {
      id,
      type: "message_batch",
      processing_status: "in_progress",
      request_counts: { processing: requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      created_at: new Date(created).toISOString(),
      expires_at: new Date(created + DAY_MS).toISOString(),
      archived_at: null,
      cancel_initiated_at: null,
      results_url: null,
    };
    const record = core.add("anthropic", id, requests);
    record.info.status = wire.processing_status;
    batches.set(id, { record, wire, downloads: 0 });
    sendJson(res, 200, wire);
    return true;
  }

  function ended(batch: AnthropicBatch): void {
    const { record, wire } = batch;
    const outcomes = record.outcomes ?? [];
    const lines = outcomes.map((outcome, i) =>
      JSON.stringify({ custom_id: record.requests[i]?.customId, result: resultOf(outcome) }),
    );
    batch.results = lines.map((line) => `${line}\n`).join("");
    const count = (kind: Outcome["kind"]) => outcomes.filter((o) => o.kind === kind).length;
    wire.request_counts = {
      processing: 0,
      succeeded: count("answered"),
      errored: count("error"),
      canceled: count("canceled"),
      expired: count("expired"),
    };
    wire.processing_status = "ended";
    wire.ended_at = new Date().toISOString();
    wire.results_url = `${url()}/v1/messages/batches/${wire.id}/results`;
    record.info.status = wire.processing_status;
  }

  async function retrieve(batch: AnthropicBatch, res: ServerResponse): Promise<true> {
    const step = await core.retrieve(batch.record);
    if ("ended" in step && step.ended === "now") ended(batch);
    sendJson(res, 200, batch.wire);
    return true;
  }

  function cancel(batch: AnthropicBatch, res: ServerResponse): true {
    const { record, wire } = batch;
    // An ended batch stays as it is; a cancel only stops one still processing.
    if (!record.outcomes && !record.cancelling) {
      record.cancelling = true;
      wire.processing_status = "canceling";
      wire.cancel_initiated_at = new Date().toISOString();
      record.info.status = wire.processing_status;
    }
    sendJson(res, 200, wire);
    return true;
  }

  function results(batch: AnthropicBatch, res: ServerResponse): true {
    if (batch.results === undefined) {
      return fail(
        res,
        400,
        `Message batch ${batch.wire.id} has not ended yet; its results are not available.`,
      );
    }
    batch.downloads += 1;
    sendLines(res, batch.results, "application/binary", batch.downloads === 1 ? cutResultsAfter : undefined);
    return true;
  }

  function list(req: BatchHttpRequest, res: ServerResponse): true {
    const limit = limitOf(req.query, 1000);
    if (limit === undefined) return fail(res, 400, "limit: Input should be between 1 and 1000");
    const all = core.newestFirst("anthropic").flatMap((r) => batches.get(r.info.id)?.wire ?? []);
    const cursor = { after: req.query.get("after_id"), before: req.query.get("before_id") };
    const { data, hasMore } = pageOf(all, (b) => b.id, limit, cursor);
    sendJson(res, 200, {
      data,
      has_more: hasMore,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
    });
    return true;
  }

  return async (req, res) => {
    const { method, path } = req;
    if (path === "/v1/messages/batches") {
      if (method === "POST") return create(req, res);
      return method === "GET" ? list(req, res) : false;
    }
    const route = /^\/v1\/messages\/batches\/([^/]+)(\/cancel|\/results)?$/.exec(path);
    if (!route || method !== (route[2] === "/cancel" ? "POST" : "GET")) return false;
    const id = decodeURIComponent(route[1] ?? "");
    const batch = batches.get(id);
    if (!batch) return fail(res, 404, `Message batch ${id} not found.`);
    if (route[2] === "/cancel") return cancel(batch, res);
    return route[2] === "/results" ? results(batch, res) : retrieve(batch, res);
  };
}

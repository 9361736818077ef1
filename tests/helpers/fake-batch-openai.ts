// OpenAI's Batch API on the fake: JSONL files uploaded with purpose "batch", batches on /v1/chat/completions
// validated line by line, and their answers written to an output file and an error file to download.
import type { ServerResponse } from "node:http";
import type { Batch, BatchError } from "openai/resources/batches";
import type { FileObject } from "openai/resources/files";
import { multipartParts } from "./fake-api-multipart.js";
import { errorBody } from "./fake-api-replies.js";
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

/** Every field of the SDK's Batch, as the API sends it: an optional one it has no value for as null. */
type WireBatch = {
  [K in keyof Batch]-?: Record<never, never> extends Pick<Batch, K>
    ? Exclude<Batch[K], undefined> | null
    : Batch[K];
};

interface StoredFile {
  file: FileObject;
  content: Buffer;
  /** Downloads so far: the first of a result file may be cut short. */
  downloads: number;
}

interface OpenaiBatch {
  record: BatchRecord;
  wire: WireBatch;
  /** The input file's problems: the batch fails on its first retrieve. */
  errors: BatchError[];
}

const ENDPOINT = "/v1/chat/completions";
const DAY = 24 * 60 * 60;
const PURPOSES = new Set(["assistants", "batch", "fine-tune", "vision", "user_data", "evals"]);
const EXPIRED_MESSAGE = "This request could not be executed before the completion window expired.";

const now = (): number => Math.floor(Date.now() / 1000);

function invalid(res: ServerResponse, status: number, message: string, param: string | null = null): true {
  sendJson(res, status, { error: { message, type: "invalid_request_error", param, code: null } });
  return true;
}

const missing = (res: ServerResponse, param: string): true =>
  invalid(res, 400, `Missing required parameter: '${param}'.`, param);

/** The input file's requests, or what is wrong with its lines (1-based), as OpenAI reports them. */
function readInput(content: Buffer): { requests: BatchRequest[]; errors: BatchError[]; model?: string } {
  const lines = content.toString("utf8").split("\n");
  if (lines.at(-1) === "") lines.pop();
  const requests: BatchRequest[] = [];
  const errors: BatchError[] = [];
  const seen = new Set<string>();
  let model: string | undefined;
  const fail = (line: number, code: string, message: string, param: string | null = null) =>
    errors.push({ code, line, message, param });
  for (const [i, text] of lines.entries()) {
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!isRecord(json)) {
      fail(line, "invalid_json_line", "This line is not parseable as valid JSON.");
      continue;
    }
    const { custom_id: customId, method, url, body } = json;
    const lineModel = isRecord(body) ? body.model : undefined;
    if (typeof customId !== "string") {
      fail(line, "missing_required_parameter", "Missing required parameter: 'custom_id'.", "custom_id");
    } else if (method !== "POST") {
      fail(line, "invalid_method", "Only the POST method is supported for batch requests.", "method");
    } else if (url !== ENDPOINT) {
      fail(
        line,
        "invalid_url",
        "The URL provided for this request does not match the batch endpoint.",
        "url",
      );
    } else if (typeof lineModel !== "string") {
      fail(line, "missing_required_parameter", "Missing required parameter: 'body.model'.", "body.model");
    } else if (model !== undefined && lineModel !== model) {
      const message = `The provided model '${lineModel}' does not match the model '${model}' of the other requests in the batch.`;
      fail(line, "mismatched_model", message, "body.model");
    } else if (seen.has(customId)) {
      const message =
        "The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each request in a batch.";
      fail(line, "duplicate_custom_id", message, "custom_id");
    } else {
      seen.add(customId);
      model ??= lineModel;
      requests.push({ customId, body });
    }
  }
  if (lines.length === 0)
    errors.push({ code: "empty_file", line: null, message: "The input file is empty." });
  return { requests, errors, ...(model === undefined ? {} : { model }) };
}

function tokenUsage(outcomes: Outcome[]): WireBatch["usage"] {
  const sum = { input: 0, cached: 0, output: 0 };
  for (const outcome of outcomes) {
    if (outcome.kind !== "answered" || !("usage" in outcome.body) || !isRecord(outcome.body.usage)) continue;
    const { prompt_tokens, completion_tokens, prompt_tokens_details: details } = outcome.body.usage;
    sum.input += typeof prompt_tokens === "number" ? prompt_tokens : 0;
    sum.output += typeof completion_tokens === "number" ? completion_tokens : 0;
    if (isRecord(details) && typeof details.cached_tokens === "number") sum.cached += details.cached_tokens;
  }
  return {
    input_tokens: sum.input,
    input_tokens_details: { cached_tokens: sum.cached },
    output_tokens: sum.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: sum.input + sum.output,
  };
}

/** The output and error file lines of a batch's outcomes; cancelled requests are in neither. */
function resultLines(record: BatchRecord, outcomes: Outcome[]): { output: string[]; error: string[] } {
  const output: string[] = [];
  const error: string[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    const head = { id: `batch_req_${hexId(16)}`, custom_id: record.requests[i]?.customId };
    if (outcome.kind === "answered") {
      const response = { status_code: 200, request_id: outcome.requestId, body: outcome.body };
      output.push(JSON.stringify({ ...head, response, error: null }));
    } else if (outcome.kind === "error") {
      const body = outcome.body ?? errorBody("openai", outcome.status);
      const response = { status_code: outcome.status, request_id: outcome.requestId, body };
      error.push(JSON.stringify({ ...head, response, error: null }));
    } else if (outcome.kind === "expired") {
      const expired = { code: "batch_expired", message: EXPIRED_MESSAGE };
      error.push(JSON.stringify({ ...head, response: null, error: expired }));
    }
  }
  return { output, error };
}

export function openaiBatchRoutes(core: BatchCore, cutResultsAfter: number | undefined): BatchRoute {
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, OpenaiBatch>();

  function store(filename: string, purpose: FileObject["purpose"], content: Buffer): FileObject {
    const file: FileObject = {
      id: `file-${hexId()}`,
      object: "file",
      bytes: content.length,
      created_at: now(),
      filename,
      purpose,
      status: "processed",
    };
    files.set(file.id, { file, content, downloads: 0 });
    return file;
  }

  function upload(req: BatchHttpRequest, res: ServerResponse): true {
    if (!/^multipart\/form-data/i.test(req.contentType ?? "")) {
      return invalid(res, 400, "A file upload must be sent as multipart/form-data.");
    }
    const parts = multipartParts(req.raw, req.contentType);
    const purpose = parts.find((p) => p.name === "purpose")?.content.toString("utf8");
    const part = parts.find((p) => p.name === "file" && p.filename !== undefined);
    if (purpose === undefined) return missing(res, "purpose");
    if (!PURPOSES.has(purpose))
      return invalid(res, 400, `Invalid value for 'purpose': '${purpose}'.`, "purpose");
    if (!part) return missing(res, "file");
    const filename = part.filename ?? "";
    if (purpose === "batch" && !filename.endsWith(".jsonl")) {
      return invalid(res, 400, "Invalid file format for Batch API. Must be .jsonl", "file");
    }
    // Copied: the part is a view of the whole request body, which would otherwise stay in memory with it.
    sendJson(res, 200, store(filename, purpose as FileObject["purpose"], Buffer.from(part.content)));
    return true;
  }

  function create(req: BatchHttpRequest, res: ServerResponse): true {
    const body = isRecord(req.body) ? req.body : {};
    const { input_file_id: fileId, endpoint, completion_window: window, metadata } = body;
    if (typeof fileId !== "string") return missing(res, "input_file_id");
    if (typeof endpoint !== "string") return missing(res, "endpoint");
    if (endpoint !== ENDPOINT) {
      return invalid(
        res,
        400,
        `The fake API runs batches on ${ENDPOINT} only, not '${endpoint}'.`,
        "endpoint",
      );
    }
    if (window !== "24h") {
      return invalid(
        res,
        400,
        `Invalid value for 'completion_window': '${String(window)}'.`,
        "completion_window",
      );
    }
    if (metadata !== undefined && metadata !== null && !isRecord(metadata)) {
      return invalid(res, 400, "Invalid type for 'metadata': expected an object.", "metadata");
    }
    const input = files.get(fileId);
    if (!input) return invalid(res, 404, `No such File object: ${fileId}`, "input_file_id");
    if (input.file.purpose !== "batch") {
      return invalid(res, 400, `The input file ${fileId} must have purpose 'batch'.`, "input_file_id");
    }
    const { requests, errors, model } = readInput(input.content);
    const id = `batch_${hexId()}`;
    const created = now();
    const wire: WireBatch = {
      id,
      object: "batch",
      endpoint,
      model: model ?? null,
      errors: null,
      input_file_id: fileId,
      completion_window: window,
      status: "validating",
      output_file_id: null,
      error_file_id: null,
      created_at: created,
      in_progress_at: null,
      expires_at: created + DAY,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 0, completed: 0, failed: 0 },
      metadata: (metadata as WireBatch["metadata"]) ?? null,
      usage: tokenUsage([]),
    };
    const record = core.add("openai", id, requests, errors.length > 0);
    record.info.status = wire.status;
    batches.set(id, { record, wire, errors });
    sendJson(res, 200, wire);
    return true;
  }

  /** The batch as its ending left it: files written, counts and times filled in. */
  function ended(batch: OpenaiBatch): void {
    const { record, wire } = batch;
    const at = now();
    const outcomes = record.outcomes ?? [];
    if (record.cancelling) {
      Object.assign(wire, { status: "cancelled", cancelled_at: at });
    } else if (record.info.fate === "failed") {
      Object.assign(wire, {
        status: "failed",
        failed_at: at,
        errors: { object: "list", data: batch.errors },
      });
      record.info.status = wire.status;
      return;
    } else if (record.info.fate === "complete") {
      wire.in_progress_at ??= at;
      wire.finalizing_at ??= at;
      Object.assign(wire, { status: "completed", completed_at: at });
    } else {
      wire.in_progress_at ??= at;
      Object.assign(wire, { status: "expired", expired_at: at });
    }
    const { output, error } = resultLines(record, outcomes);
    const write = (lines: string[], kind: string) =>
      lines.length === 0
        ? null
        : store(`${wire.id}_${kind}.jsonl`, "batch_output", Buffer.from(`${lines.join("\n")}\n`)).id;
    wire.output_file_id = write(output, "output");
    wire.error_file_id = write(error, "error");
    const counted = outcomes.filter((o) => o.kind !== "canceled");
    const completed = counted.filter((o) => o.kind === "answered").length;
    wire.request_counts = { total: record.requests.length, completed, failed: counted.length - completed };
    wire.usage = tokenUsage(outcomes);
    record.info.status = wire.status;
  }

  async function retrieve(batch: OpenaiBatch, res: ServerResponse): Promise<true> {
    const step = await core.retrieve(batch.record);
    const { wire, record } = batch;
    if ("ended" in step) {
      if (step.ended === "now") ended(batch);
    } else {
      const finalizing = step.running === core.pollsToFinish;
      wire.status = finalizing ? "finalizing" : "in_progress";
      wire.in_progress_at ??= now();
      if (finalizing) wire.finalizing_at ??= now();
      wire.request_counts = { total: record.requests.length, completed: 0, failed: 0 };
      record.info.status = wire.status;
    }
    sendJson(res, 200, wire);
    return true;
  }

  function cancel(batch: OpenaiBatch, res: ServerResponse): true {
    const { record, wire } = batch;
    // A batch that has ended stays as it is; a cancel only stops one still running.
    if (!record.outcomes && !record.cancelling) {
      record.cancelling = true;
      Object.assign(wire, { status: "cancelling", cancelling_at: now() });
      record.info.status = wire.status;
    }
    sendJson(res, 200, wire);
    return true;
  }

  function list(req: BatchHttpRequest, res: ServerResponse): true {
    const limit = limitOf(req.query, 100);
    if (limit === undefined)
      return invalid(res, 400, "Invalid value for 'limit': expected 1 to 100.", "limit");
    const all = core.newestFirst("openai").flatMap((r) => batches.get(r.info.id)?.wire ?? []);
    const { data, hasMore } = pageOf(all, (b) => b.id, limit, { after: req.query.get("after") });
    sendJson(res, 200, {
      object: "list",
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: hasMore,
    });
    return true;
  }

  function download(stored: StoredFile, res: ServerResponse): true {
    stored.downloads += 1;
    const cut =
      stored.file.purpose === "batch_output" && stored.downloads === 1 ? cutResultsAfter : undefined;
    sendLines(res, stored.content.toString("utf8"), "application/octet-stream", cut);
    return true;
  }

  return async (req, res) => {
    const { method, path } = req;
    if (path === "/v1/files" && method === "POST") return upload(req, res);
    if (path === "/v1/batches" && method === "POST") return create(req, res);
    if (path === "/v1/batches" && method === "GET") return list(req, res);
    const file = /^\/v1\/files\/([^/]+)(\/content)?$/.exec(path);
    if (file && method === "GET") {
      const stored = files.get(decodeURIComponent(file[1] ?? ""));
      if (!stored) return invalid(res, 404, `No such File object: ${file[1]}`, "id");
      if (file[2]) return download(stored, res);
      sendJson(res, 200, stored.file);
      return true;
    }
    const route = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path);
    if (!route || method !== (route[2] ? "POST" : "GET")) return false;
    const batch = batches.get(decodeURIComponent(route[1] ?? ""));
    if (!batch) return invalid(res, 404, `No batch found with id '${route[1]}'.`, "batch_id");
    return route[2] ? cancel(batch, res) : retrieve(batch, res);
  };
}

// Anthropic's Message Batches: one request per custom id in a single JSON body, the results streamed back
// as JSONL once the batch has ended.
import { readFileSync } from "node:fs";
import Anthropic from "@anthropic-ai/sdk";
import type { MessageBatch, MessageBatchIndividualResponse } from "@anthropic-ai/sdk/resources/messages";
import type { BatchApi, BatchResult, BatchState, CompletionRequest } from "../core/types.js";
import { fromResponse } from "./anthropic.js";
import { BATCH_CLIENT, notRun, statusFailure } from "./batch-lines.js";
import { JSON_BODY } from "./call-scope.js";

/**
 * Anthropic takes 100,000 requests or 256 MB per batch, in one request body. That body is built in memory,
 * so callgrade sends at most 32 MB a batch: more batches, memory that stays small.
 */
const LIMITS = { requests: 100_000, bytes: 32 * 1024 * 1024 };

/** The HTTP status an error type stands for, so a batched failure gets the kind the same failure alone would. */
const STATUS: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

function stateOf(batch: MessageBatch): BatchState {
  const c = batch.request_counts;
  return {
    id: batch.id,
    ended: batch.processing_status === "ended",
    status: batch.processing_status,
    counts: {
      total: c.processing + c.succeeded + c.errored + c.canceled + c.expired,
      succeeded: c.succeeded,
      failed: c.errored + c.canceled + c.expired,
    },
    createdAt: batch.created_at,
    expiresAt: batch.expires_at,
    endedAt: batch.ended_at,
  };
}

function resultOf(line: MessageBatchIndividualResponse): BatchResult {
  const { custom_id: customId, result } = line;
  switch (result.type) {
    case "succeeded":
      return { customId, result: fromResponse(result.message) };
    case "errored": {
      const type = result.error?.error?.type ?? "api_error";
      return { customId, result: statusFailure(STATUS[type] ?? 500, result.error) };
    }
    case "expired":
      return { customId, result: notRun("expired") };
    default:
      return { customId, result: notRun("canceled") };
  }
}

/** The batch API of one Anthropic model; `body` is the request body a normal call sends, serialised. */
export function anthropicBatch(
  options: { apiKey: string; baseURL: string | undefined },
  body: (request: CompletionRequest) => string,
): BatchApi {
  const client = new Anthropic({ ...options, ...BATCH_CLIENT });
  return {
    limits: LIMITS,
    discount: 0.5,
    line: (customId, request) => `{"custom_id":${JSON.stringify(customId)},"params":${body(request)}}`,
    async submit(file) {
      // The file's lines are the requests' JSON already: joined, they are the body, parsed by nobody here.
      const lines = readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line !== "");
      const batch = await client.post<MessageBatch>("/v1/messages/batches", {
        body: `{"requests":[${lines.join(",")}]}`,
        headers: JSON_BODY,
      });
      return stateOf(batch);
    },
    async find(_tag, since, count, known) {
      // Message batches carry no metadata: the one cut short is the batch of that many requests created
      // since the submission began (at most a minute of clock skew allowed) that the store does not know.
      const after = Date.parse(since) - 60_000;
      for await (const batch of client.messages.batches.list({ limit: 100 })) {
        if (Date.parse(batch.created_at) < after) return undefined;
        const state = stateOf(batch);
        if (state.counts.total === count && !known.has(state.id)) return state;
      }
      return undefined;
    },
    state: async (id) => stateOf(await client.messages.batches.retrieve(id)),
    async *results(id) {
      for await (const line of await client.messages.batches.results(id)) yield resultOf(line);
    },
    async cancel(id) {
      await client.messages.batches.cancel(id);
    },
  };
}

// OpenAI's Batch API: the requests as a JSONL file uploaded with purpose "batch", one batch on
// /v1/chat/completions with a 24-hour window, its output and error files read back a line at a time.
import OpenAI from "openai";
import type { Batch } from "openai/resources/batches";
import { z } from "zod";
import type { BatchApi, BatchResult, BatchState, CompletionRequest } from "../core/types.js";
import {
  BATCH_CLIENT,
  downloadLines,
  isoFromSeconds,
  notRun,
  statusFailure,
  withRetries,
} from "./batch-lines.js";
import { badResponse } from "./call-error.js";
import { fromResponse } from "./openai.js";
import { uploadFile } from "./upload.js";

/** OpenAI's limits: 50,000 requests and a 200 MB file per batch (kept under it: a line's newline counts). */
const LIMITS = { requests: 50_000, bytes: 190 * 1024 * 1024 };

/** The metadata key a batch carries callgrade's tag under. */
const TAG_KEY = "callgrade_tag";

const lineShape = z.object({
  custom_id: z.string(),
  response: z.object({ status_code: z.number(), body: z.unknown() }).nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

const ENDED = new Set(["completed", "expired", "cancelled", "failed"]);

function stateOf(batch: Batch): BatchState {
  const counts = batch.request_counts;
  const failure =
    batch.status === "failed" ? batch.errors?.data?.map((e) => e.message).join("; ") : undefined;
  return {
    id: batch.id,
    ended: ENDED.has(batch.status),
    status: batch.status,
    counts: {
      total: counts?.total ?? 0,
      succeeded: counts?.completed ?? 0,
      failed: counts?.failed ?? 0,
    },
    createdAt: isoFromSeconds(batch.created_at) ?? new Date(0).toISOString(),
    expiresAt: isoFromSeconds(batch.expires_at),
    endedAt: isoFromSeconds(
      batch.completed_at ?? batch.expired_at ?? batch.cancelled_at ?? batch.failed_at ?? null,
    ),
    ...(batch.status === "failed" ? { failure: failure || "the batch failed validation" } : {}),
  };
}

function resultOf(text: string): BatchResult | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = lineShape.safeParse(json);
  if (!parsed.success) return undefined;
  const { custom_id: customId, response, error } = parsed.data;
  if (response?.status_code === 200) return { customId, result: fromResponse(response.body) };
  if (response) return { customId, result: statusFailure(response.status_code, response.body) };
  if (error?.code === "batch_expired") return { customId, result: notRun("expired") };
  if (error?.code === "batch_cancelled") return { customId, result: notRun("canceled") };
  return {
    customId,
    result: badResponse(`the batch failed this request: ${error?.message ?? "no reason given"}`, json),
  };
}

/** The batch API of one OpenAI model; `body` is the request body a normal call sends, serialised. */
export function openaiBatch(
  options: { apiKey: string; baseURL: string | undefined },
  body: (request: CompletionRequest) => string,
): BatchApi {
  const client = new OpenAI({ ...options, ...BATCH_CLIENT });
  return {
    limits: LIMITS,
    discount: 0.5,
    line: (customId, request) =>
      `{"custom_id":${JSON.stringify(customId)},"method":"POST","url":"/v1/chat/completions","body":${body(request)}}`,
    async submit(file, _count, tag) {
      // Streamed from disk, not through the SDK: it gathers an upload in memory (a 58 MB file raised the
      // peak by 100 MB), and a batch file may be 190 MB.
      const upload = (await withRetries(() =>
        uploadFile({
          url: `${client.baseURL.replace(/\/+$/, "")}/files`,
          headers: { authorization: `Bearer ${options.apiKey}`, accept: "application/json" },
          fields: { purpose: "batch" },
          file: { field: "file", name: "callgrade-batch.jsonl", type: "application/jsonl", path: file },
          timeoutMs: BATCH_CLIENT.timeout,
        }),
      )) as { id?: unknown };
      if (typeof upload.id !== "string") throw new Error("the file upload was answered without a file id");
      const batch = await client.batches.create({
        input_file_id: upload.id,
        endpoint: "/v1/chat/completions",
        completion_window: "24h",
        metadata: { [TAG_KEY]: tag },
      });
      return stateOf(batch);
    },
    async find(tag, since) {
      const after = Date.parse(since) / 1000 - 60;
      // Newest first: stop at the first batch created before the submission began.
      for await (const batch of client.batches.list({ limit: 100 })) {
        if (batch.metadata?.[TAG_KEY] === tag) return stateOf(batch);
        if (batch.created_at < after) return undefined;
      }
      return undefined;
    },
    state: async (id) => stateOf(await client.batches.retrieve(id)),
    async *results(id) {
      const batch = await client.batches.retrieve(id);
      for (const fileId of [batch.output_file_id, batch.error_file_id]) {
        if (!fileId) continue;
        const download = await client.files.content(fileId);
        for await (const text of downloadLines(download.body)) {
          const result = resultOf(text);
          if (result) yield result;
        }
      }
    },
    async cancel(id) {
      await client.batches.cancel(id);
    },
  };
}

// A loopback HTTP server speaking the OpenAI Chat Completions, OpenAI audio transcriptions and Anthropic
// Messages wire formats, and both providers' batch APIs (fake-batch.ts), so providers and recognisers are
// tested through the real SDKs without a real API.
import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseMultipart } from "./fake-api-multipart.js";
import {
  type AnswerReply,
  anthropicMessage,
  type Counts,
  errorBody,
  type FakeApiKind,
  type FakeReply,
  openaiCompletion,
  openaiTranscription,
  promptParts,
  tokens,
} from "./fake-api-replies.js";
import { createFakeBatches, type FakeBatchInfo, type FakeBatchOptions } from "./fake-batch.js";

export type { FakeUpload, MultipartFields } from "./fake-api-multipart.js";
export type { FakeApiKind, FakeReply } from "./fake-api-replies.js";
export type { FakeBatchFate, FakeBatchFateInfo, FakeBatchInfo, FakeBatchOptions } from "./fake-batch.js";

export interface FakeApiCall {
  api: FakeApiKind;
  /**
   * "transcription" for OpenAI's POST /v1/audio/transcriptions, whose `body` is the upload's fields
   * (MultipartFields: text as strings, files as FakeUpload); absent for chat completions and messages.
   * A `text` reply answers `{ text }`, a `json` reply is sent as it is.
   */
  endpoint?: "transcription";
  body: unknown;
  /**
   * 1 for the first request with this exact body, 2 for its first repeat, ...; a batch request's body is its
   * line's `body` (OpenAI) or `params` (Anthropic), counted with the normal calls of the same body.
   */
  attempt: number;
  /** Set when the request came in a batch: the batch's id and the request's custom_id. */
  batch?: { id: string; customId: string };
}

export type FakeRespond = (req: FakeApiCall) => FakeReply | Promise<FakeReply>;

export interface FakeApiRequest {
  path: string;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface FakeApiOptions {
  /** Wait this long before answering each request. @default 0 */
  latencyMs?: number;
  /** @default answers `{ json: {} }` */
  respond?: FakeRespond;
  /** Keep every request in `requests`; turn off for long benchmarks. @default true */
  recordRequests?: boolean;
  /**
   * How batches progress and end, and whether result downloads are cut short.
   * @default { pollsToFinish: 2 }, every batch completes and downloads are whole
   * @example { batch: { pollsToFinish: 0, fate: () => ({ expireAfter: 1 }), cutResultsAfter: 2 } }
   */
  batch?: FakeBatchOptions;
}

export interface FakeApi {
  /** e.g. "http://127.0.0.1:PORT" */
  url: string;
  /** For the OpenAI SDK: url + "/v1". */
  openaiBaseURL: string;
  /** For the Anthropic SDK, which appends /v1/messages itself. */
  anthropicBaseURL: string;
  /** Every request received, in order. */
  requests: FakeApiRequest[];
  respond: FakeRespond;
  /** Every batch created, both APIs, in order; each updated in place as it moves on. */
  batches: readonly FakeBatchInfo[];
  /**
   * How many times each request was submitted in an accepted batch, keyed `${api}:${custom_id}`; an OpenAI
   * batch whose file failed validation runs nothing and counts nothing.
   */
  batchSubmissions: Map<string, number>;
  close(): Promise<void>;
}

const ROUTES: Record<string, FakeApiKind> = {
  "/v1/chat/completions": "openai",
  "/v1/messages": "anthropic",
  "/v1/audio/transcriptions": "openai",
};

const TRANSCRIPTIONS = "/v1/audio/transcriptions";
const FILES = "/v1/files";

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** A JSON body parsed, anything else as text; an upload as its fields, without the file bytes. */
function parseBody(req: IncomingMessage, raw: Buffer, multipart: boolean): unknown {
  if (multipart) return parseMultipart(raw, req.headers["content-type"]);
  const text = raw.toString("utf8");
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const attempts = new Map<string, number>();
  const seenPrefixes = new Set<string>();
  const record = options.recordRequests ?? true;
  let seq = 0;

  function nextAttempt(kind: FakeApiKind, content: string | Buffer): number {
    const key = createHash("sha1").update(kind).update(content).digest("base64");
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    return attempt;
  }

  function countTokens(api: FakeApiKind, body: unknown): Counts {
    const { prefix, rest, cacheable } = promptParts(api, body);
    const input = tokens(prefix) + tokens(rest);
    if (!cacheable || prefix === "") return { input, cached: 0, created: 0 };
    const seen = seenPrefixes.has(prefix);
    seenPrefixes.add(prefix);
    const prefixTokens = tokens(prefix);
    if (seen) return { input, cached: prefixTokens, created: 0 };
    return { input, cached: 0, created: api === "anthropic" ? prefixTokens : 0 };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const transcription = path === TRANSCRIPTIONS && req.method === "POST";
    const contentType = req.headers["content-type"];
    const upload = path === FILES && req.method === "POST" && /^multipart\//i.test(contentType ?? "");
    const body = parseBody(req, raw, transcription || upload);
    if (record) api.requests.push({ path, body, headers: req.headers });
    const query = new URL(req.url ?? "/", url).searchParams;
    if (await batches.handle({ method: req.method ?? "GET", path, query, body, raw, contentType }, res)) {
      return;
    }
    const kind = ROUTES[path];
    if (!kind || req.method !== "POST") {
      send(res, 404, errorBody(kind ?? "openai", 404));
      return;
    }
    // An upload's boundary is random per request: its fields say whether it is a repeat.
    const attempt = nextAttempt(kind, transcription ? `transcription ${JSON.stringify(body)}` : raw);

    const endpoint = transcription ? { endpoint: "transcription" as const } : {};
    const reply = await api.respond({ api: kind, ...endpoint, body, attempt });
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if ("hang" in reply) return;
    if ("reset" in reply) {
      req.socket.destroy();
      return;
    }
    if ("malformed" in reply) {
      send(res, 200, '{"id": "broken", "choices": [{"message": {"content": "{\\"a\\"');
      return;
    }
    if ("status" in reply) {
      send(res, reply.status, reply.body ?? errorBody(kind, reply.status), reply.headers);
      return;
    }
    seq += 1;
    const answer: AnswerReply = reply;
    const headers = { ...answer.headers, "x-request-id": `req_fake_${seq}` };
    if (transcription) {
      send(res, 200, openaiTranscription(answer), headers);
      return;
    }
    const counts = countTokens(kind, body);
    const build = kind === "openai" ? openaiCompletion : anthropicMessage;
    send(res, 200, build(answer, body, counts, seq), headers);
  }

  const batches = createFakeBatches({
    url: () => url,
    options: options.batch ?? {},
    respond: (call) => api.respond(call),
    // A normal call sends its body as JSON.stringify writes it, so the same request counts the same here.
    attempt: (kind, body) => nextAttempt(kind, JSON.stringify(body)),
    countTokens,
    nextSeq: () => {
      seq += 1;
      return seq;
    },
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: `fake api failed: ${String(error)}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const api: FakeApi = {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    requests: [],
    respond: options.respond ?? (() => ({ json: {} })),
    batches: batches.batches,
    batchSubmissions: batches.submissions,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung requests and keep-alive sockets would keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
  return api;
}

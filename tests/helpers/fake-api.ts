// A loopback HTTP server speaking the OpenAI Chat Completions and Anthropic Messages wire formats,
// so providers are tested through the real SDKs without calling a real API.
import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type AnswerReply,
  anthropicMessage,
  type Counts,
  errorBody,
  type FakeApiKind,
  type FakeReply,
  openaiCompletion,
  promptParts,
  tokens,
} from "./fake-api-replies.js";

export type { FakeApiKind, FakeReply } from "./fake-api-replies.js";

export interface FakeApiCall {
  api: FakeApiKind;
  body: unknown;
  /** 1 for the first request with this exact body, 2 for its first repeat, ... */
  attempt: number;
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
  close(): Promise<void>;
}

const ROUTES: Record<string, FakeApiKind> = {
  "/v1/chat/completions": "openai",
  "/v1/messages": "anthropic",
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
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
    let body: unknown;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    if (record) api.requests.push({ path, body, headers: req.headers });
    const kind = ROUTES[path];
    if (!kind || req.method !== "POST") {
      send(res, 404, errorBody(kind ?? "openai", 404));
      return;
    }
    const key = createHash("sha1").update(kind).update(raw).digest("base64");
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);

    const reply = await api.respond({ api: kind, body, attempt });
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
    const counts = countTokens(kind, body);
    const build = kind === "openai" ? openaiCompletion : anthropicMessage;
    send(res, 200, build(answer, body, counts, seq), {
      ...answer.headers,
      "x-request-id": `req_fake_${seq}`,
    });
  }

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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung requests and keep-alive sockets would keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
  return api;
}

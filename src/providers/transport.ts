// The SDKs' `fetch`: node:http over one keep-alive pool, the whole body read before the Response exists.
//
// Node's own fetch (undici) builds a Request, web streams for both bodies and an abort chain per call; over a
// run of short JSON calls that was the largest share of callgrade's CPU (issue 16). Here a JSON request is one
// http.request on a pooled socket, and the answer is buffered, so the call's one signal covers every byte of
// it: a server that stalls mid-body still meets the deadline. Anything else (an upload, a stream) goes to the
// platform's fetch unchanged.
import http from "node:http";
import https from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

// One pool per process, as undici's global one was: every provider to the same host shares its sockets.
// LIFO hands out the most recently used socket, so idle ones age out instead of all staying half-warm.
const POOL = { keepAlive: true, scheduling: "lifo" } as const;
const agents = { "http:": new http.Agent(POOL), "https:": new https.Agent(POOL) };

/** Statuses that send the request elsewhere: fetch follows them, so a redirecting server keeps working. */
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** Statuses whose Response must have no body at all. */
const NULL_BODY = new Set([101, 204, 205, 304]);

const DECODERS: Record<string, (data: Buffer) => Buffer> = {
  gzip: gunzipSync,
  "x-gzip": gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

function abortError(signal: AbortSignal): Error {
  // The SDKs tell an abort from a failed connection by this name, as fetch's own errors carry it.
  return new DOMException(
    signal.reason instanceof Error ? signal.reason.message : "This operation was aborted",
    "AbortError",
  );
}

function requestHeaders(init: RequestInit["headers"]): Record<string, string> {
  const headers: Record<string, string> = {};
  if (init === undefined) return headers;
  const entries = init instanceof Headers || Array.isArray(init) ? init : Object.entries(init);
  for (const [name, value] of entries) {
    if (name !== undefined && value !== undefined)
      headers[name] = typeof value === "string" ? value : value.join(", ");
  }
  return headers;
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] ?? "", raw[i + 1] ?? "");
  return headers;
}

/** The body as sent: nothing was asked for compressed, but a server may compress anyway. */
function decoded(data: Buffer, headers: Headers): Buffer {
  const encoding = headers.get("content-encoding")?.trim().toLowerCase();
  const decode = encoding ? DECODERS[encoding] : undefined;
  if (!decode) return data;
  headers.delete("content-encoding");
  headers.delete("content-length");
  return decode(data);
}

/** A fetch for JSON APIs; see the top of the file. */
export const leanFetch: Fetch = (input, init = {}) => {
  const { body } = init;
  const plainBody =
    body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
  const url = typeof input === "string" ? new URL(input) : input instanceof URL ? input : undefined;
  const agent = url ? agents[url.protocol as keyof typeof agents] : undefined;
  if (!url || !agent || !plainBody) return fetch(input, init);
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const headers = requestHeaders(init.headers);
  if (body !== undefined && body !== null) headers["content-length"] = String(Buffer.byteLength(body));
  return new Promise<Response>((resolve, reject) => {
    const send = url.protocol === "https:" ? https.request : http.request;
    const request = send(url, { method: init.method ?? "GET", headers, agent });
    const onAbort = () => request.destroy(signal ? abortError(signal) : undefined);
    signal?.addEventListener("abort", onAbort, { once: true });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    const fail = (error: Error) => settle(() => reject(error));
    request.on("error", fail);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", fail);
      // A socket closed before the last byte: `complete` stays false, and nothing else may say so.
      response.on("close", () => {
        if (!response.complete) fail(new Error("the connection closed before the response ended"));
      });
      response.on("end", () =>
        settle(() => {
          try {
            const status = response.statusCode ?? 0;
            // Rare for an API (a plain-http baseURL behind an https redirect): the platform's fetch follows it.
            if (REDIRECT.has(status) && response.headers.location) {
              fetch(input, init).then(resolve, reject);
              return;
            }
            const headers = responseHeaders(response.rawHeaders);
            const data = NULL_BODY.has(status) ? null : decoded(Buffer.concat(chunks), headers);
            resolve(new Response(data, { status, statusText: response.statusMessage ?? "", headers }));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        }),
      );
    });
    request.end(body ?? undefined);
  });
};

// The bench's loopback provider, run as its own process (forked by server-client.ts) so that its CPU is not
// counted against callgrade. Answers over IPC: "stats" (its requests and CPU since the last "reset").
import { type FakeApiCall, type FakeReply, startFakeApi } from "../tests/helpers/fake-api.js";
import { errorBody } from "../tests/helpers/fake-api-replies.js";
import { tokenBucket } from "./bucket.js";
import { ANSWER } from "./suite.js";

export interface ServerOptions {
  latencyMs: number;
  limit?: { perMinute: number; burst: number };
  /** What every model answers. @default ANSWER */
  answer?: Record<string, unknown>;
}

export interface ServerStats {
  requests: number;
  answered: number;
  limited: number;
  /** Milliseconds from the first request after reset to the last answered one. */
  spanMs: number;
  cpuMs: number;
}

export type ServerMessage = { type: "ready"; url: string } | { type: "stats"; stats: ServerStats };
export type ClientMessage = { type: "stats" } | { type: "reset" };

const options = JSON.parse(process.argv[2] ?? "{}") as ServerOptions;
const buckets = new Map<string, ReturnType<typeof tokenBucket>>();
let counts = { requests: 0, answered: 0, limited: 0, first: 0, last: 0 };
let cpu = process.cpuUsage();

function modelOf(body: unknown): string {
  const model = typeof body === "object" && body !== null && "model" in body ? body.model : undefined;
  return typeof model === "string" ? model : "?";
}

function respond(call: FakeApiCall): FakeReply {
  const now = performance.now();
  if (counts.requests++ === 0) counts.first = now;
  const model = modelOf(call.body);
  // The third model disagrees with the others on one field, so scoring and review have work to do.
  const answer = options.answer ?? ANSWER;
  const json = model.endsWith("3") ? { ...answer, party_size: 3 } : answer;
  if (!options.limit) {
    counts.answered++;
    counts.last = now;
    return { json };
  }
  const bucket = buckets.get(model) ?? tokenBucket(options.limit);
  buckets.set(model, bucket);
  const taken = bucket.take();
  if (!taken.ok) {
    counts.limited++;
    const retry = {
      "retry-after": String(Math.ceil(taken.retryAfterMs / 1000)),
      "retry-after-ms": String(taken.retryAfterMs),
    };
    return { status: 429, body: errorBody("openai", 429), headers: { ...taken.headers, ...retry } };
  }
  counts.answered++;
  counts.last = now;
  return { json, headers: taken.headers };
}

const api = await startFakeApi({ latencyMs: options.latencyMs, recordRequests: false, respond });

process.on("message", (message: ClientMessage) => {
  if (message.type === "reset") {
    counts = { requests: 0, answered: 0, limited: 0, first: 0, last: 0 };
    cpu = process.cpuUsage();
    buckets.clear();
  }
  const used = process.cpuUsage(cpu);
  const { requests, answered, limited, first, last } = counts;
  const stats = {
    requests,
    answered,
    limited,
    spanMs: last - first,
    cpuMs: (used.user + used.system) / 1000,
  };
  process.send?.({ type: "stats", stats } satisfies ServerMessage);
});
// Once the bench lets go of the channel, closing the server leaves nothing to keep this process alive.
process.on("disconnect", () => void api.close());
process.send?.({ type: "ready", url: api.openaiBaseURL } satisfies ServerMessage);

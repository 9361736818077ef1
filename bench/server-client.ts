// Starts bench/server.ts in its own process and asks it for its counters.
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { forkTs, nextMessage, stopChild } from "./child.js";
import type { ClientMessage, ServerMessage, ServerOptions, ServerStats } from "./server.js";

const SERVER_FILE = fileURLToPath(new URL("./server.ts", import.meta.url));

export interface BenchServer {
  /** The OpenAI base URL (…/v1). */
  url: string;
  /** Zeroes the counters and the rate-limit buckets. */
  reset(): Promise<void>;
  stats(): Promise<ServerStats>;
  close(): Promise<void>;
}

function isMessage<K extends ServerMessage["type"]>(type: K) {
  return (message: unknown): message is Extract<ServerMessage, { type: K }> =>
    typeof message === "object" && message !== null && "type" in message && message.type === type;
}

function ask(child: ChildProcess, message: ClientMessage): Promise<ServerStats> {
  const answer = nextMessage(child, isMessage("stats"), 10_000, `server ${message.type}`);
  child.send(message);
  return answer.then((reply) => reply.stats);
}

export async function startBenchServer(options: ServerOptions): Promise<BenchServer> {
  const child = forkTs(SERVER_FILE, [JSON.stringify(options)]);
  try {
    const { url } = await nextMessage(child, isMessage("ready"), 30_000, "server start");
    return {
      url,
      reset: async () => {
        await ask(child, { type: "reset" });
      },
      stats: () => ask(child, { type: "stats" }),
      close: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

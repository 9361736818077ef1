// The response cache: successful answers keyed by a content hash of everything that shaped the request.
import type { Usage } from "../core/types.js";
import type { Db } from "./open.js";

export interface CachedResponse {
  text: string;
  usage: Usage;
  finishReason: string | null;
  latencyMs: number;
}

export class ResponseCache {
  constructor(private readonly db: Db) {}

  get(key: string): CachedResponse | undefined {
    const row = this.db
      .prepare("SELECT text, usage, finish_reason, latency_ms FROM cache WHERE key = ?")
      .get(key) as
      | { text: string; usage: string; finish_reason: string | null; latency_ms: number }
      | undefined;
    if (!row) return undefined;
    return {
      text: row.text,
      usage: JSON.parse(row.usage),
      finishReason: row.finish_reason,
      latencyMs: row.latency_ms,
    };
  }

  put(key: string, model: string, response: CachedResponse): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO cache (key, model, text, usage, finish_reason, latency_ms, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        key,
        model,
        response.text,
        JSON.stringify(response.usage),
        response.finishReason,
        response.latencyMs,
        new Date().toISOString(),
      );
  }
}

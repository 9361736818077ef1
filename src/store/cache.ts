// The response cache: successful answers keyed by a content hash of everything that shaped the request.
import type { Usage } from "../core/types.js";
import type { Db, Statement } from "./db.js";
import { guardStorage } from "./storage-guard.js";

export interface CachedResponse {
  text: string;
  usage: Usage;
  finishReason: string | null;
  latencyMs: number;
}

interface CacheRow {
  text: string;
  usage: string;
  finish_reason: string | null;
  latency_ms: number;
}

export class ResponseCache {
  // Prepared once: preparing per call cost more than the lookup itself (npm run bench).
  private readonly select: Statement<[string], CacheRow>;
  private readonly upsert: Statement<[string, string, string, string, string | null, number, string]>;

  constructor(private readonly db: Db) {
    this.select = db.prepare("SELECT text, usage, finish_reason, latency_ms FROM cache WHERE key = ?");
    this.upsert = db.prepare(
      `INSERT OR REPLACE INTO cache (key, model, text, usage, finish_reason, latency_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  get(key: string): CachedResponse | undefined {
    const row = this.select.get(key);
    if (!row) return undefined;
    return {
      text: row.text,
      usage: JSON.parse(row.usage),
      finishReason: row.finish_reason,
      latencyMs: row.latency_ms,
    };
  }

  put(key: string, model: string, response: CachedResponse): void {
    guardStorage(this.db, undefined, () =>
      this.upsert.run(
        key,
        model,
        response.text,
        JSON.stringify(response.usage),
        response.finishReason,
        response.latencyMs,
        new Date().toISOString(),
      ),
    );
  }
}

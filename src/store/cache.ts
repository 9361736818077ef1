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

/** Stores an answer under its key, replacing any answer kept under it (the call writer uses it too). */
export const CACHE_UPSERT = `INSERT INTO cache (key, model, text, usage, finish_reason, latency_ms, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET model = excluded.model, text = excluded.text, usage = excluded.usage,
    finish_reason = excluded.finish_reason, latency_ms = excluded.latency_ms, created_at = excluded.created_at`;

/** CACHE_UPSERT's parameters: an answer kept under `key`, owned by `model`, written at `at`. */
export function cacheRow(key: string, model: string, response: CachedResponse, at: string) {
  return [
    key,
    model,
    response.text,
    JSON.stringify(response.usage),
    response.finishReason,
    response.latencyMs,
    at,
  ] as const;
}

export class ResponseCache {
  // Prepared once: preparing per call cost more than the lookup itself (npm run bench).
  private readonly select: Statement<[string], CacheRow>;
  private readonly readMany: (keys: readonly string[]) => (CachedResponse | undefined)[];
  private readonly upsert: Statement<[string, string, string, string, string | null, number, string]>;

  constructor(private readonly db: Db) {
    this.select = db.prepare("SELECT text, usage, finish_reason, latency_ms FROM cache WHERE key = ?");
    this.upsert = db.prepare(CACHE_UPSERT);
    this.readMany = db.transaction((keys: readonly string[]) => keys.map((key) => this.get(key)));
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

  /**
   * The answers under `keys`, in order, read as one snapshot: a read transaction per lookup cost a cached
   * rerun more than the lookups themselves (npm run bench).
   */
  getMany(keys: readonly string[]): (CachedResponse | undefined)[] {
    return this.readMany(keys);
  }

  put(key: string, model: string, response: CachedResponse): void {
    guardStorage(this.db, undefined, () =>
      this.upsert.run(...cacheRow(key, model, response, new Date().toISOString())),
    );
  }
}

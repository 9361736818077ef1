// The server's rate limit, per model: a token bucket refilled at `perMinute`, holding `burst` requests.
// Its headers follow OpenAI's: remaining requests, and the time until the bucket is full again.

export type Take =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; retryAfterMs: number; headers: Record<string, string> };

export interface BucketOptions {
  perMinute: number;
  burst: number;
}

export function tokenBucket(options: BucketOptions, clock: () => number = () => performance.now()) {
  const perMs = options.perMinute / 60_000;
  let tokens = options.burst;
  let at = clock();
  const headers = (remaining: number, resetMs: number) => ({
    "x-ratelimit-limit-requests": String(options.perMinute),
    "x-ratelimit-remaining-requests": String(remaining),
    "x-ratelimit-reset-requests": `${Math.ceil(resetMs)}ms`,
  });
  return {
    take(): Take {
      const now = clock();
      tokens = Math.min(options.burst, tokens + (now - at) * perMs);
      at = now;
      if (tokens < 1) {
        const retryAfterMs = Math.ceil((1 - tokens) / perMs);
        return { ok: false, retryAfterMs, headers: headers(0, (options.burst - tokens) / perMs) };
      }
      tokens -= 1;
      return { ok: true, headers: headers(Math.floor(tokens), (options.burst - tokens) / perMs) };
    },
  };
}

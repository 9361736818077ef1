// The per-model limit's state machine, driven by hand: no clock, no provider.
import { describe, expect, it } from "vitest";
import { AdaptiveLimit } from "../../src/runner/adaptive-limit.js";
import { type Release, Slots } from "../../src/runner/slots.js";

function limitWithLog(max: number) {
  const changes: number[] = [];
  const limit = new AdaptiveLimit({ max, onChange: (next) => changes.push(next) });
  return { limit, changes };
}

/** Whether the promise has settled once pending microtasks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe("AdaptiveLimit", () => {
  it("starts at the configured concurrency and lets no more than that in flight", async () => {
    const limit = new AdaptiveLimit({ max: 2 });
    const first = await limit.acquire();
    await limit.acquire();
    const third = limit.acquire();
    expect(await settled(third)).toBe(false);
    expect(limit.held).toBe(2);
    first();
    first(); // a second release gives nothing back twice
    expect(await settled(third)).toBe(true);
    expect(limit.held).toBe(2);
  });

  it("a 429 halves the limit, and further 429s keep halving it down to 1, never below", () => {
    const { limit, changes } = limitWithLog(16);
    for (let i = 0; i < 6; i++) limit.onRateLimited();
    expect(changes).toEqual([8, 4, 2, 1]);
    expect(limit.limit).toBe(1);
  });

  it("429s of calls sent before the last cut count once: they were sent at the old limit", () => {
    const { limit, changes } = limitWithLog(16);
    const sentAt = limit.epoch;
    for (let i = 0; i < 10; i++) limit.onRateLimited(undefined, sentAt);
    expect(changes).toEqual([8]);
    // A call sent after the cut and still answered 429: the provider is still over its limit.
    limit.onRateLimited(undefined, limit.epoch);
    expect(changes).toEqual([8, 4]);
  });

  it("grows back by one after as many successes in a row as the limit, up to the configured maximum", () => {
    const { limit, changes } = limitWithLog(4);
    limit.onRateLimited();
    limit.onRateLimited();
    expect(limit.limit).toBe(1);
    const grown: number[] = [];
    for (let i = 0; i < 40; i++) {
      limit.onSuccess();
      grown.push(limit.limit);
    }
    // 1 success at 1, 2 at 2, 3 at 3: six to get back to 4, then it stays there.
    expect(grown.slice(0, 7)).toEqual([2, 2, 3, 3, 3, 4, 4]);
    expect(Math.max(...grown)).toBe(4);
    expect(changes).toEqual([2, 1, 2, 3, 4]);
  });

  it("a 429 starts the run of successes over", () => {
    const limit = new AdaptiveLimit({ max: 8 });
    limit.onRateLimited(); // 4
    for (let i = 0; i < 3; i++) limit.onSuccess();
    limit.onRateLimited(); // 2
    limit.onSuccess();
    expect(limit.limit).toBe(2);
    limit.onSuccess();
    expect(limit.limit).toBe(3);
  });

  it("holds back to what the provider says is left in its window, without cutting the limit", async () => {
    const { limit, changes } = limitWithLog(8);
    const releases: Release[] = [];
    for (let i = 0; i < 3; i++) releases.push(await limit.acquire());
    limit.onSuccess({ remaining: 2, resetMs: 1000 });
    expect(limit.allowed).toBe(2);
    const waiting = limit.acquire();
    releases.pop()?.();
    expect(await settled(waiting)).toBe(false); // 2 still in flight, 2 allowed
    limit.onSuccess({ remaining: 0, resetMs: 1000 });
    expect(limit.allowed).toBe(1); // one at a time, so the model never stalls
    limit.onSuccess({ remaining: 500, resetMs: 60_000 });
    expect(await settled(waiting)).toBe(true);
    expect(limit.allowed).toBe(8);
    expect(limit.limit).toBe(8);
    expect(changes).toEqual([]);
  });

  it("a response without rate-limit headers ends the hold-back; a 429 with them sets it", () => {
    const limit = new AdaptiveLimit({ max: 8 });
    limit.onSuccess({ remaining: 1 });
    expect(limit.allowed).toBe(1);
    limit.onSuccess();
    expect(limit.allowed).toBe(8);
    limit.onRateLimited({ remaining: 0, resetMs: 500 });
    expect(limit.limit).toBe(4);
    expect(limit.allowed).toBe(1);
  });

  it("waiters get in as the limit grows back", async () => {
    const limit = new AdaptiveLimit({ max: 2 });
    limit.onRateLimited();
    await limit.acquire();
    const second = limit.acquire();
    expect(await settled(second)).toBe(false);
    limit.onSuccess(); // one success at limit 1 grows it to 2
    expect(await settled(second)).toBe(true);
  });

  it("refuses a concurrency that is not a positive integer", () => {
    expect(() => new AdaptiveLimit({ max: 0 })).toThrow(RangeError);
  });
});

describe("Slots", () => {
  it("serves waiters first come, first served", async () => {
    const slots = new Slots(1);
    const order: number[] = [];
    const first = await slots.acquire();
    const waits = [1, 2, 3].map((n) =>
      slots.acquire().then((release) => {
        order.push(n);
        release();
      }),
    );
    expect(slots.waiting).toBe(3);
    first();
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
    expect(slots.held).toBe(0);
  });
});

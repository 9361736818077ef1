// How many calls one model may have in flight, following what its provider says: no clock, no timers.
import type { RateLimit } from "../core/types.js";
import { Slots } from "./slots.js";

export interface AdaptiveLimitOptions {
  /** The configured concurrency: where the limit starts, and the most it ever grows to. */
  max: number;
  /** Told every time the limit itself changes (not the short hold-back of a low `remaining`). */
  onChange?: (limit: number) => void;
}

/**
 * Additive increase, multiplicative decrease, the way TCP shares a link: a 429 halves the limit (never
 * below 1), and `limit` successes in a row without a 429 add one back, up to the configured maximum.
 *
 * A 429 is one signal, however many calls hear it: the calls sent before the last decrease were sent at
 * the old limit, so their 429s say nothing new. `epoch` counts decreases; an attempt notes it when it goes
 * out and passes it back with its 429, and one from an older epoch does not shrink the limit again.
 *
 * Rate-limit headers act earlier: when the latest response says only `remaining` requests are left in the
 * provider's window, no more than that many calls are let in flight (at least one, so the model never
 * stalls) until a response says more are left. That holds back without shrinking the limit itself.
 */
export class AdaptiveLimit extends Slots {
  readonly max: number;
  #limit: number;
  #successes = 0;
  #epoch = 0;
  #remaining: number | undefined;
  readonly #onChange: ((limit: number) => void) | undefined;

  constructor(options: AdaptiveLimitOptions) {
    super();
    if (!Number.isInteger(options.max) || options.max < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${options.max}`);
    }
    this.max = options.max;
    this.#limit = options.max;
    this.#onChange = options.onChange;
  }

  /** Calls allowed in flight, the rate-limit hold-back aside. */
  get limit(): number {
    return this.#limit;
  }

  /** How many times the limit was cut; see the class comment. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Calls allowed in flight right now: the limit, or fewer while the provider says its window is nearly used up. */
  get allowed(): number {
    return this.capacity();
  }

  protected override capacity(): number {
    return Math.min(this.#limit, Math.max(1, this.#remaining ?? this.#limit));
  }

  /** An attempt was answered; `rateLimit` is what its headers said, if anything. */
  onSuccess(rateLimit?: RateLimit): void {
    // Only the latest response counts: a window that refilled must let the hold-back go.
    this.#remaining = rateLimit?.remaining;
    this.#successes++;
    if (this.#limit >= this.max) this.#successes = 0;
    else if (this.#successes >= this.#limit) {
      this.#successes = 0;
      this.#set(this.#limit + 1);
    }
    this.drain();
  }

  /** An attempt was answered 429. `sentAtEpoch`: `epoch` when it went out; without it, the 429 always counts. */
  onRateLimited(rateLimit?: RateLimit, sentAtEpoch = this.#epoch): void {
    this.#successes = 0;
    if (rateLimit?.remaining !== undefined) this.#remaining = rateLimit.remaining;
    if (sentAtEpoch < this.#epoch) return;
    this.#epoch++;
    this.#set(Math.max(1, Math.floor(this.#limit / 2)));
  }

  #set(limit: number): void {
    if (limit === this.#limit) return;
    this.#limit = limit;
    this.#onChange?.(limit);
    this.drain();
  }
}

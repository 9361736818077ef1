// A counting semaphore whose capacity may change while slots are held; waiters are served first come, first served.

/** Gives a slot back; calling it again does nothing. */
export type Release = () => void;

export class Slots {
  #held = 0;
  // At most one waiter per lane of the matrix: a plain array is cheap enough.
  readonly #waiters: ((release: Release) => void)[] = [];

  constructor(private readonly fixed = Number.POSITIVE_INFINITY) {}

  /** How many slots may be held now; a subclass that adapts overrides it and calls drain() when it grows. */
  protected capacity(): number {
    return this.fixed;
  }

  /** Slots held now. */
  get held(): number {
    return this.#held;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Resolves with a slot's release as soon as one is free; nobody jumps the queue. */
  acquire(): Promise<Release> {
    if (this.#waiters.length === 0 && this.#held < this.capacity()) return Promise.resolve(this.#grant());
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Hands free slots to waiters, oldest first. */
  protected drain(): void {
    while (this.#waiters.length > 0 && this.#held < this.capacity()) this.#waiters.shift()?.(this.#grant());
  }

  #grant(): Release {
    this.#held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#held--;
      this.drain();
    };
  }
}

/**
 * A slot of one model's (or recogniser's) own limit first, then one of the run's global limit, as the own limit
 * has always wrapped the global one; released in the reverse order.
 */
export async function acquireBoth(own: Slots, global: Slots): Promise<Release> {
  const releaseOwn = await own.acquire();
  const releaseGlobal = await global.acquire();
  return () => {
    releaseGlobal();
    releaseOwn();
  };
}

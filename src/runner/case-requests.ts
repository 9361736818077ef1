// Each case's rendered request, made when a call first needs it and let go when all its calls are done.
import type { Case, CompletionRequest } from "../core/types.js";
import type { Redaction } from "../prompt/redact.js";
import type { CaseList } from "./stored-cases.js";

/** One case, rendered once for every model: the same strings, and its redaction when the suite redacts. */
export interface PreparedCase {
  rendered: CompletionRequest;
  /** Computed with the rendering, on this machine; its mapping lives only in `restore` and is never stored. */
  redaction?: Redaction;
}

/**
 * Holds at most `keep` rendered cases. Models move through the cases at their own pace, so a case may be
 * wanted again after it was let go: rendering is a pure function of the case, so it is simply rendered
 * again, to the same strings. A call in flight keeps its own reference, so letting go never pulls a request
 * from under it.
 */
export class CaseRequests {
  readonly #entries = new Map<number, PreparedCase>();
  /** Calls of each case that have no terminal result yet, over every model and repeat. */
  readonly #left: Uint32Array;
  #renders = 0;

  constructor(
    private readonly cases: CaseList,
    private readonly prepare: (item: Case) => PreparedCase,
    callsPerCase: number,
    private readonly keep: number,
  ) {
    this.#left = new Uint32Array(cases.length).fill(callsPerCase);
  }

  /** The case at `index`, rendered now if it is not held. */
  get(index: number): PreparedCase {
    const held = this.#entries.get(index);
    if (held) return held;
    const item = this.cases.at(index);
    if (!item) throw new RangeError(`no case at index ${index}`);
    const prepared = this.prepare(item);
    this.#renders++;
    this.#entries.set(index, prepared);
    // A Map iterates in insertion order: the first key is the case rendered longest ago.
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.keep) break;
      this.#entries.delete(oldest);
    }
    return prepared;
  }

  /** One call of the case needs the request no more: it ended, or a resume skips it. */
  done(index: number): void {
    const left = (this.#left[index] ?? 1) - 1;
    this.#left[index] = Math.max(left, 0);
    if (left <= 0) this.#entries.delete(index);
  }

  /** Rendered cases held now. */
  get held(): number {
    return this.#entries.size;
  }

  /** Renderings so far, re-renderings of a case let go included. */
  get renders(): number {
    return this.#renders;
  }
}

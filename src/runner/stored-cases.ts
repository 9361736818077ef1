// The cases of a run, read from the store a page at a time as the lanes reach them.
import type { Case } from "../core/types.js";

/** What the run reads cases through: a list in memory, or the store. Arrays fit it as they are. */
export interface CaseList {
  readonly length: number;
  at(index: number): Case | undefined;
}

const PAGE = 64;
/** Lanes move through the cases at about the same place; a few pages cover one far behind the others. */
const PAGES_KEPT = 4;

/** A run of any size, with only a few pages of cases in memory. */
export class StoredCases implements CaseList {
  readonly #pages = new Map<number, readonly (Case | undefined)[]>();

  /** `read` may leave holes: a case a source has no entry for (no transcript of it) is undefined. */
  constructor(
    readonly length: number,
    private readonly read: (from: number, to: number) => readonly (Case | undefined)[],
  ) {}

  at(index: number): Case | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const number = Math.floor(index / PAGE);
    let page = this.#pages.get(number);
    if (page) {
      // Most recently used last: the first key is the one to let go.
      this.#pages.delete(number);
    } else {
      page = this.read(number * PAGE, (number + 1) * PAGE);
      for (const oldest of this.#pages.keys()) {
        if (this.#pages.size < PAGES_KEPT) break;
        this.#pages.delete(oldest);
      }
    }
    this.#pages.set(number, page);
    return page[index - number * PAGE];
  }
}

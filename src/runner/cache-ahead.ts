// A lane's cache lookups, read a stretch ahead in one read of the store while the cache answers it.
import { callKey } from "../store/index.js";
import type { CaseRequests, PreparedCase } from "./case-requests.js";
import { type CacheLookup, type Lane, lookUpMany, type RunContext } from "./settle-call.js";
import type { CaseList } from "./stored-cases.js";

/**
 * The lookups of the calls a lane is about to make, by position (case index × repeat + repetition). A
 * lookup read ahead is what the store held a moment before the call: a hit is an answer like any other, and
 * a miss is looked up again once the call holds its slots, as every call is.
 */
export class CacheAhead {
  #from = 0;
  #found: (CacheLookup | undefined)[] = [];

  constructor(
    private readonly run: RunContext,
    private readonly lane: Lane,
    private readonly source: { cases: CaseList; requests: CaseRequests },
    private readonly skip: Set<string> | undefined,
  ) {}

  /**
   * The lookup of case `index`'s repetition `rep`; when it was not read ahead, it is read now with the
   * calls of the next `span` positions, those a resume settled or the source lacks left out.
   */
  at(index: number, rep: number, span: number): CacheLookup | undefined {
    const repeat = this.run.repeat;
    const position = index * repeat + rep;
    const offset = position - this.#from;
    if (offset >= 0 && offset < this.#found.length) return this.#found[offset];
    const end = Math.min(position + Math.max(span, 1), this.source.cases.length * repeat);
    const modelId = this.lane.model.config.id;
    const places: number[] = [];
    const calls: { prepared: PreparedCase; rep: number }[] = [];
    for (let at = position; at < end; at++) {
      const caseIndex = Math.floor(at / repeat);
      const id = this.source.cases.at(caseIndex)?.id;
      if (id === undefined || this.skip?.has(callKey(id, modelId, at % repeat))) continue;
      places.push(at - position);
      calls.push({ prepared: this.source.requests.get(caseIndex), rep: at % repeat });
    }
    const lookups = lookUpMany(this.run, this.lane, calls);
    this.#from = position;
    this.#found = new Array(end - position).fill(undefined);
    if (lookups) for (const [i, place] of places.entries()) this.#found[place] = lookups[i];
    return this.#found[0];
  }
}

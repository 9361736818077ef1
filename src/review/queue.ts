// The review queue as pure functions: which cases a reviewer sees, in which order, and when a case is done.
//
// Unit of work: a case (all its review items, after filters); counts are in review items, as everywhere else.
// A reviewer "has graded" a case when they have a current grade on every one of its items. A case needs 1
// such reviewer, or 2 when it is an overlap case. A case is open to reviewer R when R has not graded it and
// fewer reviewers than it needs have.
import { sha256, stableStringify } from "../core/hash.js";
import { type GradeMark, invalidIssues, type StoredReviewItem } from "../store/index.js";

export interface QueueFilter {
  /** Only items of this field. */
  field?: string;
  /** Only items whose grade says something about this model (see `concernsModel`). */
  model?: string;
}

export interface QueueCase {
  caseId: string;
  caseIdx: number;
  /** The case's review items that pass the filters. */
  itemIds: number[];
  /** The highest item priority (more camps and invalid outputs rank higher; free text is 0). */
  priority: number;
  /** Every item is free text (no matcher, so a rating rather than a decision between models). */
  freeTextOnly: boolean;
  /** Shown to two reviewers, blind, for inter-rater agreement. */
  overlap: boolean;
}

/** item id → reviewers with a current grade on it. */
export type GradedItems = Map<number, Set<string>>;

/**
 * Where a case falls in [0, 1): the first 48 bits of sha256(runId + "\0" + caseId), big-endian, over 2^48.
 * The same run and case always give the same number, so every reviewer, the report and a resumed
 * session agree on which cases overlap without storing it.
 */
export function overlapScore(runId: string, caseId: string): number {
  return Number.parseInt(sha256(`${runId}\u0000${caseId}`).slice(0, 12), 16) / 2 ** 48;
}

/** Whether a case is an overlap case (shown to two reviewers) for the run's `review.overlap` share. */
export function isOverlapCase(runId: string, caseId: string, overlap: number): boolean {
  return overlapScore(runId, caseId) < overlap;
}

export function requiredReviewers(queueCase: Pick<QueueCase, "overlap">): number {
  return queueCase.overlap ? 2 : 1;
}

/**
 * Whether grading an item says something about a model: the model answered and its output was invalid,
 * or its value differs from another model's valid value (JSON-equal values count as the same), or the
 * field is free text and the model gave a value to rate. A model that agrees with every other valid
 * answer on an item that is queued only because a third model's output was invalid is not concerned.
 */
export function concernsModel(item: StoredReviewItem, modelId: string): boolean {
  if (!Object.hasOwn(item.modelValues, modelId)) return false;
  const own = item.modelValues[modelId];
  if (invalidIssues(own)) return true;
  if (item.reason === "free-text") return own !== null && own !== undefined;
  // Drawn to check a judge: every model's answer is graded, agreeing or not.
  if (item.reason === "sampled") return true;
  // Models may all write the same unreadable text: each of them still awaits a person's decision.
  if (item.reason === "unreadable" && own !== null && own !== undefined) return true;
  const ownKey = stableStringify(own ?? null);
  return Object.entries(item.modelValues).some(
    ([other, value]) =>
      other !== modelId && !invalidIssues(value) && stableStringify(value ?? null) !== ownKey,
  );
}

export function filterItems(items: StoredReviewItem[], filter: QueueFilter = {}): StoredReviewItem[] {
  return items.filter(
    (item) =>
      (filter.field === undefined || item.field === filter.field) &&
      (filter.model === undefined || concernsModel(item, filter.model)),
  );
}

/** Groups items (already filtered) into cases, in the order the items came (dataset order). */
export function groupCases(runId: string, items: StoredReviewItem[], overlap: number): QueueCase[] {
  const byCase = new Map<string, QueueCase>();
  for (const item of items) {
    let entry = byCase.get(item.caseId);
    if (!entry) {
      entry = {
        caseId: item.caseId,
        caseIdx: item.caseIdx,
        itemIds: [],
        priority: Number.NEGATIVE_INFINITY,
        freeTextOnly: true,
        overlap: isOverlapCase(runId, item.caseId, overlap),
      };
      byCase.set(item.caseId, entry);
    }
    entry.itemIds.push(item.id);
    entry.priority = Math.max(entry.priority, item.priority);
    if (item.reason !== "free-text") entry.freeTextOnly = false;
  }
  return [...byCase.values()];
}

/**
 * Queue order. Unshuffled: highest case priority first, then cases with a decision between models before
 * free-text-only ones, then dataset order. Shuffled: by sha256(seed + "\0" + caseId), a fixed random
 * order per seed that does not depend on which other cases are still open, so a resumed session (same
 * run, same reviewer: seed = runId + "\0" + reviewer) sees the same order.
 */
export function orderCases(cases: QueueCase[], shuffleSeed?: string): QueueCase[] {
  if (shuffleSeed !== undefined) {
    const key = new Map(cases.map((c) => [c.caseId, sha256(`${shuffleSeed}\u0000${c.caseId}`)]));
    return [...cases].sort((a, b) => compareText(key.get(a.caseId) ?? "", key.get(b.caseId) ?? ""));
  }
  return [...cases].sort(
    (a, b) =>
      b.priority - a.priority ||
      Number(a.freeTextOnly) - Number(b.freeTextOnly) ||
      a.caseIdx - b.caseIdx ||
      compareText(a.caseId, b.caseId),
  );
}

export function shuffleSeed(runId: string, reviewer: string): string {
  return `${runId}\u0000${reviewer}`;
}

export interface QueueOptions {
  overlap: number;
  filter?: QueueFilter;
  /** Seeded shuffle for unbiased sampling; the seed comes from the run and the reviewer. */
  shuffle?: boolean;
  reviewer: string;
}

/** A reviewer's whole queue of a run, ordered: open, done and taken cases alike. */
export function buildQueue(runId: string, items: StoredReviewItem[], options: QueueOptions): QueueCase[] {
  const cases = groupCases(runId, filterItems(items, options.filter), options.overlap);
  return orderCases(cases, options.shuffle ? shuffleSeed(runId, options.reviewer) : undefined);
}

export function gradedItems(marks: GradeMark[]): GradedItems {
  const graded: GradedItems = new Map();
  for (const mark of marks) {
    const reviewers = graded.get(mark.itemId) ?? new Set<string>();
    reviewers.add(mark.reviewer);
    graded.set(mark.itemId, reviewers);
  }
  return graded;
}

/** Reviewers with a current grade on every item of the case. */
export function caseGraders(queueCase: QueueCase, graded: GradedItems): Set<string> {
  const [first, ...rest] = queueCase.itemIds;
  const result = new Set(first === undefined ? [] : (graded.get(first) ?? []));
  for (const itemId of rest) {
    const reviewers = graded.get(itemId);
    for (const reviewer of result) if (!reviewers?.has(reviewer)) result.delete(reviewer);
  }
  return result;
}

export function isDoneFor(queueCase: QueueCase, graded: GradedItems, reviewer: string): boolean {
  return queueCase.itemIds.every((itemId) => graded.get(itemId)?.has(reviewer) === true);
}

export function isOpenTo(queueCase: QueueCase, graded: GradedItems, reviewer: string): boolean {
  const graders = caseGraders(queueCase, graded);
  return !graders.has(reviewer) && graders.size < requiredReviewers(queueCase);
}

/** A reviewer's queue counted in review items, the unit every count of review work uses. */
export interface ItemCounts {
  /** Review items of the queue (after filters). */
  total: number;
  /** Items this reviewer has a current grade on. */
  graded: number;
  /** Items of cases other reviewers finished: no longer open to this reviewer. */
  byOthers: number;
  /** Items still open to this reviewer (leases and skips aside). */
  left: number;
}

export function queueCounts(cases: QueueCase[], graded: GradedItems, reviewer: string): ItemCounts {
  const counts: ItemCounts = { total: 0, graded: 0, byOthers: 0, left: 0 };
  for (const queueCase of cases) {
    const open = isOpenTo(queueCase, graded, reviewer);
    for (const itemId of queueCase.itemIds) {
      counts.total++;
      if (graded.get(itemId)?.has(reviewer) === true) counts.graded++;
      else if (open) counts.left++;
      else counts.byOthers++;
    }
  }
  return counts;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

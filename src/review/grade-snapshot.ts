// Who has graded what in a run, read once and kept: the queue needs it on every move, and re-reading
// every grade of a 50,000-item run each time would be too slow. The snapshot is re-read when anything
// else wrote to the store: another connection (SQLite's data_version moves) or another session on this
// connection (total_changes moves without us); this session's own writes patch just their case.
import type { Store } from "../store/index.js";
import { type GradedItems, gradedItems, type ItemCounts, type QueueCase, queueCounts } from "./queue.js";

export class GradeSnapshot {
  private key: string | undefined;
  private graded: GradedItems = new Map();
  private counts: ItemCounts | undefined;

  constructor(
    private readonly store: Store,
    private readonly runId: string,
  ) {}

  /** item id → reviewers with a current grade, as of now. */
  current(): GradedItems {
    const key = this.writeKey();
    if (this.key !== key) {
      this.graded = gradedItems(this.store.review.marks(this.runId));
      this.key = key;
      this.counts = undefined;
    }
    return this.graded;
  }

  /** The reviewer's queue in review items (graded by them, by others, still open to them), as of now. */
  tally(queue: QueueCase[], reviewer: string): ItemCounts {
    const graded = this.current();
    this.counts ??= queueCounts(queue, graded, reviewer);
    return this.counts;
  }

  /** Runs one of this session's own writes; with `caseId`, a write of grades on that case. */
  own<T>(write: () => T, caseId?: string): T {
    const fresh = this.key !== undefined && this.key === this.writeKey();
    const result = write();
    if (!fresh) return result;
    if (caseId !== undefined) this.patch(caseId);
    this.key = this.writeKey();
    return result;
  }

  /**
   * Reads every grade again on the next look. For when the snapshot proved out of date: a write of another
   * session that landed while one of ours was being written moves the key with ours, unseen.
   */
  invalidate(): void {
    this.key = undefined;
  }

  private patch(caseId: string): void {
    const latest = gradedItems(this.store.review.marks(this.runId, caseId));
    for (const item of this.store.review.caseItems(this.runId, caseId)) {
      const reviewers = latest.get(item.id);
      if (reviewers) this.graded.set(item.id, reviewers);
      else this.graded.delete(item.id);
    }
    this.counts = undefined;
  }

  private writeKey(): string {
    return this.store.runs.changeMark(this.runId);
  }
}

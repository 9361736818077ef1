// Group commit: the calls that finish in one turn of the event loop are stored in one transaction.
import { CallgradeError, STORAGE_EXIT_CODE } from "../core/errors.js";
import type { CallRecord } from "../store/index.js";

interface Pending {
  record: CallRecord;
  stored: () => void;
  failed: (error: unknown) => void;
}

/** How long stores wait out a store they lost (a database server restarting), and how they say so. */
export interface StoreWait {
  /** Whether the error is the store's connection lost: the batch was not written, and may be again. */
  transient(error: unknown): boolean;
  /** Longest wait for the store to come back, in milliseconds, before the batch fails. */
  budgetMs: number;
  /** Told of each wait before it begins: what went wrong, the how-manieth wait, and how long it is. */
  onWait?(error: unknown, attempt: number, delayMs: number): void;
  /** Told once the store took the batch after waiting. */
  onBack?(waitedMs: number): void;
  /**
   * Keeps the calls of a batch the store never took (past the wait, or the run stopped while it waited)
   * somewhere of its own, and says where: their promises then fail with HeldCalls, and nothing is dropped.
   */
  keep?(records: readonly CallRecord[]): string;
  /** The run's stop: while it waits, a stop keeps the batch at once instead of waiting on. */
  signal?: AbortSignal;
}

/**
 * The calls of a batch were kept outside the store, in `file`, for a resume to store: the run ends as a disk
 * failure does (exit 4), with what was stored intact and nothing paid for dropped.
 */
export class HeldCalls extends CallgradeError {
  constructor(
    readonly file: string,
    readonly count: number,
    runId: string,
    cause: unknown,
  ) {
    super(
      "STORAGE",
      `the store could not take ${count} answered call${count === 1 ? "" : "s"} (${cause instanceof Error ? cause.message : String(cause)}); they are kept in ${file}: once the store is back, \`callgrade run --resume ${runId}\` stores them and sends only what is left`,
      STORAGE_EXIT_CODE,
    );
    this.name = "HeldCalls";
  }
}

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 5_000;

/**
 * At 64 calls in flight, a transaction per call was most of the harness's own CPU (npm run bench). A call's
 * promise settles only once its transaction has committed, so nothing is reported finished before it is
 * stored, and a kill loses at most the calls that ended in the last turn, which resume sends again.
 *
 * A store whose connection is lost (a PostgreSQL server restarting) is waited for: the batch is written again
 * after a pause, with the calls that ended meanwhile, and none of their promises settles until it is. The
 * calls keep their slots while they wait, so no new call is sent to be answered and then lost.
 */
export class WriteBatch {
  private pending: Pending[] = [];
  private scheduled = false;
  /** The batch the store refused, waiting to be written again. */
  private waiting: { batch: Pending[]; since: number; attempt: number; timer: NodeJS.Timeout } | undefined;

  constructor(
    private readonly write: (records: readonly CallRecord[]) => void,
    private readonly wait?: StoreWait,
  ) {
    // A stop while the store is away keeps the waiting batch at once rather than after the wait.
    wait?.signal?.addEventListener("abort", () => this.stopWaiting(), { once: true });
  }

  add(record: CallRecord): Promise<void> {
    return new Promise((stored, failed) => {
      this.pending.push({ record, stored, failed });
      if (!this.scheduled && !this.waiting) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    this.attempt(batch, undefined);
  }

  private attempt(batch: Pending[], waited: { since: number; attempt: number } | undefined): void {
    try {
      this.write(batch.map((item) => item.record));
    } catch (error) {
      const { wait } = this;
      const since = waited?.since ?? Date.now();
      const transient = wait?.transient(error) === true;
      if (transient && Date.now() - since < (wait?.budgetMs ?? 0) && !wait?.signal?.aborted) {
        const attempt = (waited?.attempt ?? 0) + 1;
        const delayMs = Math.min(FIRST_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS);
        wait?.onWait?.(error, attempt, delayMs);
        this.waiting = { batch, since, attempt, timer: setTimeout(() => this.retry(), delayMs) };
        return;
      }
      this.waiting = undefined;
      this.fail(batch, error, transient);
      return;
    }
    if (waited) this.wait?.onBack?.(Date.now() - waited.since);
    for (const item of batch) item.stored();
  }

  /** The refused batch again, with every call that ended while it waited. */
  private retry(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    this.attempt([...waiting.batch, ...this.takePending()], waiting);
    if (!this.waiting && this.pending.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private stopWaiting(): void {
    if (!this.waiting) return;
    clearTimeout(this.waiting.timer);
    this.retry();
  }

  /** Fails a batch; one the store was away for is kept first when it can be, so nothing paid is dropped. */
  private fail(batch: Pending[], error: unknown, transient: boolean): void {
    let reason = error;
    if (transient && this.wait?.keep) {
      try {
        const records = batch.map((item) => item.record);
        reason = new HeldCalls(this.wait.keep(records), batch.length, records[0]?.runId ?? "", error);
      } catch (keeping) {
        reason = keeping;
      }
    }
    for (const item of batch) item.failed(reason);
  }

  private takePending(): Pending[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}

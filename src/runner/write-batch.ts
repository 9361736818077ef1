// Group commit: the calls that finish in one turn of the event loop are stored in one transaction.
import type { CallRecord } from "../store/index.js";

interface Pending {
  record: CallRecord;
  stored: () => void;
  failed: (error: unknown) => void;
}

/**
 * At 64 calls in flight, a transaction per call was most of the harness's own CPU (npm run bench). A call's
 * promise settles only once its transaction has committed, so nothing is reported finished before it is
 * stored, and a kill loses at most the calls that ended in the last turn, which resume sends again.
 */
export class WriteBatch {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly write: (records: readonly CallRecord[]) => void) {}

  add(record: CallRecord): Promise<void> {
    return new Promise((stored, failed) => {
      this.pending.push({ record, stored, failed });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      this.write(batch.map((item) => item.record));
    } catch (error) {
      for (const item of batch) item.failed(error);
      return;
    }
    for (const item of batch) item.stored();
  }
}

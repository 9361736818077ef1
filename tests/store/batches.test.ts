// The store's record of provider batches, on both backends: a batch is written before it is sent, its calls
// stay "in flight" until it is collected, and a collected batch counts as one try of each of its calls.
import { beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.js";
import { BACKENDS, storePlace, useBackend } from "../helpers/backends.js";
import { runRecord } from "../helpers/run-record.js";

const RUN = runRecord({ repeat: 2 });

const STATE = {
  id: "batch_1",
  ended: false,
  status: "in_progress",
  counts: { total: 3, succeeded: 1, failed: 0 },
  createdAt: "2026-01-01T00:00:01.000Z",
  expiresAt: "2026-01-02T00:00:01.000Z",
  endedAt: null,
};

/** Eight cases, at places 0 to 7. */
const CASES = Array.from({ length: 8 }, (_, i) => ({
  id: `case-${i}`,
  transcript: "hi",
  meta: {},
  source: { file: "f", line: i + 1 },
}));

const KINDS = ["rate_limit", "timeout", "http", "network", "bad_response", "aborted"];

/** The unsent calls of model m, repetition `rep`, as "idx×tries". */
const unsent = (store: Store, rep: number) =>
  store.batches.unsent("r1", "m", rep, KINDS).map((c) => `${c.idx}×${c.tries}`);

describe.each(BACKENDS)("batches on %s", (backend) => {
  beforeAll(() => useBackend(backend));

  it("records a submission before it is sent, then its id, its progress and its collection", () => {
    const store = Store.open(storePlace("cg-batches-"));
    store.runs.create(RUN, CASES);
    store.batches.open({ tag: "t1", runId: "r1", modelId: "m", createdAt: "2026-01-01T00:00:00.000Z" }, [
      { idx: 0, rep: 0 },
      { idx: 0, rep: 1 },
      { idx: 7, rep: 0 },
    ]);
    expect(store.batches.forRun("r1")).toMatchObject([
      { tag: "t1", state: "submitting", batchId: null, requests: 3 },
    ]);
    // Its calls are with the provider (or may be): not to be sent again, for this model only.
    expect(unsent(store, 0)).toEqual(["1×0", "2×0", "3×0", "4×0", "5×0", "6×0"]);
    expect(unsent(store, 1)).toEqual(["1×0", "2×0", "3×0", "4×0", "5×0", "6×0", "7×0"]);
    expect(store.batches.unsent("r1", "other", 0, KINDS)).toHaveLength(8);
    expect(store.batches.waiting("r1")).toBe(1);

    store.batches.update("t1", STATE);
    expect(store.batches.forRun("r1", "m")).toMatchObject([
      {
        batchId: "batch_1",
        state: "submitted",
        status: "in_progress",
        succeeded: 1,
        expiresAt: STATE.expiresAt,
      },
    ]);
    // Polled again once ended: the state stays "submitted" until every result is stored.
    store.batches.update("t1", {
      ...STATE,
      ended: true,
      status: "completed",
      counts: { total: 3, succeeded: 2, failed: 1 },
    });
    expect(store.batches.forRun("r1")[0]).toMatchObject({ state: "submitted", succeeded: 2, failed: 1 });

    // Collected, with case 0 answered, case 7 failed with a kind a retry may mend: case 7 is left, its one try counted.
    const call = (caseId: string, rep: number, error: { kind: "timeout" | "bad_request" } | null) => ({
      runId: "r1",
      caseId,
      modelId: "m",
      rep,
      text: error ? null : "{}",
      error: error && { ...error, message: "x", retryable: error.kind === "timeout" },
      raw: undefined,
      usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 },
      costUsd: null,
      latencyMs: 1,
      attempts: 1,
      fromCache: false,
      output: null,
    });
    store.calls.recordAll([
      call("case-0", 0, null),
      call("case-0", 1, { kind: "bad_request" }),
      call("case-7", 0, { kind: "timeout" }),
    ]);
    // Of its three calls, only case 7's still needs a result from the batch (a retry may mend a timeout).
    expect(store.batches.awaiting("t1", KINDS)).toEqual([{ idx: 7, rep: 0 }]);
    store.batches.collected("t1");
    expect(store.batches.forRun("r1")[0]?.state).toBe("collected");
    expect(store.batches.waiting("r1")).toBe(0);
    expect(unsent(store, 0)).toEqual(["1×0", "2×0", "3×0", "4×0", "5×0", "6×0", "7×1"]);
    // A bad request is terminal: case 0's second repetition is settled.
    expect(unsent(store, 1)).toEqual(["1×0", "2×0", "3×0", "4×0", "5×0", "6×0", "7×0"]);
    // A second batch of case 7: its tries count both once collected.
    store.batches.open({ tag: "t2", runId: "r1", modelId: "m", createdAt: "2026-01-01T01:00:00.000Z" }, [
      { idx: 7, rep: 0 },
    ]);
    expect(unsent(store, 0)).not.toContain("7×1");
    store.batches.update("t2", { ...STATE, id: "batch_2" });
    store.batches.collected("t2");
    expect(unsent(store, 0)).toContain("7×2");
    store.close();
  });

  it("forgets a submission the provider never got, and only while it is unanswered", () => {
    const store = Store.open(storePlace("cg-batches-"));
    store.runs.create(RUN, CASES);
    store.batches.open({ tag: "lost", runId: "r1", modelId: "m", createdAt: "2026-01-01T00:00:00.000Z" }, [
      { idx: 1, rep: 0 },
    ]);
    store.batches.open({ tag: "sent", runId: "r1", modelId: "m", createdAt: "2026-01-01T00:00:00.000Z" }, [
      { idx: 2, rep: 0 },
    ]);
    store.batches.update("sent", STATE);
    store.batches.drop("lost");
    store.batches.drop("sent");
    expect(store.batches.forRun("r1").map((b) => b.tag)).toEqual(["sent"]);
    expect(unsent(store, 0)).toEqual(["0×0", "1×0", "3×0", "4×0", "5×0", "6×0", "7×0"]);
    store.close();
  });
});

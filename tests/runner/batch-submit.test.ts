// Batch files within the provider's limits, each recorded before it is sent; a submission the provider never
// got is forgotten (its calls free to go again), one it did get is adopted.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RETRYABLE_ON_RESUME } from "../../src/core/retryable.js";
import type { BatchApi, BatchState, Case, CompletionRequest } from "../../src/core/types.js";
import type { BatchLane, BatchStageOptions } from "../../src/runner/batch-context.js";
import { recoverSubmission, submitCalls } from "../../src/runner/batch-submit.js";
import type { RunEvent } from "../../src/runner/index.js";
import { Store } from "../../src/store/index.js";
import { runRecord } from "../helpers/run-record.js";

const RUN = runRecord();

const cases: Case[] = Array.from({ length: 7 }, (_, i) => ({
  id: `case-${i}`,
  transcript: i === 6 ? "x".repeat(400) : `call ${i}`,
  meta: {},
  source: { file: "f", line: i + 1 },
}));

function state(id: string, total: number): BatchState {
  const now = new Date().toISOString();
  return {
    id,
    ended: false,
    status: "validating",
    counts: { total, succeeded: 0, failed: 0 },
    createdAt: now,
    expiresAt: null,
    endedAt: null,
  };
}

/** A batch API that keeps what it was sent; `find` answers from `existing`. */
function fakeApi(limits: BatchApi["limits"], existing: BatchState[] = []) {
  const sent: { lines: string[]; tag: string }[] = [];
  const api: BatchApi = {
    limits,
    discount: 0.5,
    line: (customId, request) => JSON.stringify({ custom_id: customId, body: request.variable }),
    async submit(file, count, tag) {
      const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
      expect(lines).toHaveLength(count);
      sent.push({ lines, tag });
      return state(`batch_${sent.length}`, count);
    },
    find: async (_tag, _since, count, known) =>
      existing.find((s) => s.counts.total === count && !known.has(s.id)),
    state: async (id) => state(id, 0),
    results: async function* () {},
    cancel: async () => {},
  };
  return { api, sent };
}

/** The places of model m's calls still to send (repetition 0). */
const unsent = (store: Store) =>
  store.batches.unsent("r1", "m", 0, RETRYABLE_ON_RESUME).map((call) => call.idx);

function setup(api: BatchApi) {
  const store = Store.open(path.join(mkdtempSync(path.join(tmpdir(), "cg-batch-submit-")), "s.db"));
  store.runs.create(RUN, cases);
  const events: RunEvent[] = [];
  const options = {
    runId: "r1",
    store,
    cases,
    signal: new AbortController().signal,
    emit: (e: RunEvent) => events.push(e),
  } as unknown as BatchStageOptions;
  const lane = {
    api,
    modelId: "m",
    redacts: false,
    prepare: (item: Case) => ({
      rendered: { caseId: item.id, stable: "", variable: String(item.transcript) } as CompletionRequest,
    }),
  } as unknown as BatchLane;
  return { store, options, lane, events };
}

describe("submitting batches", () => {
  it("splits by the provider's request and byte limits, recording each batch before it goes", async () => {
    const { api, sent } = fakeApi({ requests: 3, bytes: 450 });
    const { store, options, lane, events } = setup(api);
    await submitCalls(
      options,
      lane,
      cases.map((_, idx) => ({ idx, rep: 0 })),
    );
    // 3 + 3 by count; case 6's line alone is over 400 bytes, so it goes in a batch of its own.
    expect(sent.map((s) => s.lines.length)).toEqual([3, 3, 1]);
    expect(sent.flatMap((s) => s.lines.map((l) => JSON.parse(l).custom_id))).toEqual([
      "c0-r0",
      "c1-r0",
      "c2-r0",
      "c3-r0",
      "c4-r0",
      "c5-r0",
      "c6-r0",
    ]);
    const stored = store.batches.forRun("r1");
    expect(stored.map((b) => [b.batchId, b.state, b.requests])).toEqual([
      ["batch_1", "submitted", 3],
      ["batch_2", "submitted", 3],
      ["batch_3", "submitted", 1],
    ]);
    expect(stored.map((b) => b.tag)).toEqual(sent.map((s) => s.tag));
    expect(unsent(store)).toEqual([]);
    expect(events.filter((e) => e.type === "batch-submitted")).toHaveLength(3);
    store.close();
  });

  it("refuses a request larger than a whole batch may be, naming the case", async () => {
    const { api } = fakeApi({ requests: 10, bytes: 100 });
    const { store, options, lane } = setup(api);
    await expect(submitCalls(options, lane, [{ idx: 6, rep: 0 }])).rejects.toThrow(
      /m: case case-6's request is \d+ bytes, more than the provider takes in a whole batch \(100\)/,
    );
    expect(store.batches.forRun("r1")).toEqual([]);
    store.close();
  });

  it("forgets a submission the provider does not have, and adopts one it has", async () => {
    const existing = state("batch_lost_answer", 2);
    const { api } = fakeApi({ requests: 10, bytes: 10_000 }, [existing]);
    const { store, options, lane } = setup(api);
    const createdAt = new Date().toISOString();
    store.batches.open({ tag: "never-sent", runId: "r1", modelId: "m", createdAt }, [{ idx: 0, rep: 0 }]);
    store.batches.open({ tag: "answered", runId: "r1", modelId: "m", createdAt }, [
      { idx: 1, rep: 0 },
      { idx: 2, rep: 0 },
    ]);
    expect(await recoverSubmission(options, lane, { tag: "never-sent", createdAt, requests: 1 })).toBe(false);
    expect(await recoverSubmission(options, lane, { tag: "answered", createdAt, requests: 2 })).toBe(true);
    expect(store.batches.forRun("r1").map((b) => [b.tag, b.state, b.batchId])).toEqual([
      ["answered", "submitted", "batch_lost_answer"],
    ]);
    expect(unsent(store)).toEqual([0, 3, 4, 5, 6]);
    store.close();
  });

  it("tells a provider that took no batch, and forgets the submission only where it cannot have it", async () => {
    const refused = Object.assign(new Error("404 no such route"), { status: 404 });
    const { api } = fakeApi({ requests: 10, bytes: 10_000 });
    api.submit = async () => {
      throw refused;
    };
    api.find = async () => {
      throw refused;
    };
    const { store, options, lane } = setup(api);
    await expect(submitCalls(options, lane, [{ idx: 0, rep: 0 }])).rejects.toThrow(
      "m: the provider did not take the batch: 404 no such route",
    );
    // A server without a batch API lists none: the submission is forgotten, its call free to go again.
    expect(store.batches.forRun("r1")).toEqual([]);
    // A listing that failed on the way (a 503) may still find it: the submission stays, to be looked for.
    api.find = async () => {
      throw Object.assign(new Error("503 busy"), { status: 503 });
    };
    await expect(submitCalls(options, lane, [{ idx: 0, rep: 0 }])).rejects.toThrow(/did not take the batch/);
    expect(store.batches.forRun("r1").map((b) => b.state)).toEqual(["submitting"]);
    expect(unsent(store)).not.toContain(0);
    store.close();
  });
});

import { describe, expect, it } from "vitest";
import { HeldCalls, WriteBatch } from "../../src/runner/write-batch.js";
import type { CallRecord } from "../../src/store/index.js";

const record = (caseId: string): CallRecord => ({
  runId: "r",
  caseId,
  modelId: "m",
  rep: 0,
  text: "{}",
  error: null,
  raw: undefined,
  usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 },
  costUsd: null,
  latencyMs: 1,
  attempts: 1,
  fromCache: false,
  output: null,
});

describe("WriteBatch", () => {
  it("stores the calls that finish in one turn in one write, and settles each only after it", async () => {
    const writes: string[][] = [];
    const batch = new WriteBatch((records) => writes.push(records.map((r) => r.caseId)));
    const settled: string[] = [];
    const first = ["a", "b", "c"].map((id) => batch.add(record(id)).then(() => settled.push(id)));
    // Nothing is written, nor reported stored, before the turn ends.
    await Promise.resolve();
    expect(writes).toEqual([]);
    expect(settled).toEqual([]);
    await Promise.all(first);
    expect(writes).toEqual([["a", "b", "c"]]);
    await batch.add(record("d"));
    expect(writes).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("a failed write fails every call of its batch, and the next batch is written anew", async () => {
    let fail = true;
    const writes: number[] = [];
    const batch = new WriteBatch((records) => {
      if (fail) throw new Error("SQLITE_FULL");
      writes.push(records.length);
    });
    const results = await Promise.allSettled([batch.add(record("a")), batch.add(record("b"))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    await batch.add(record("c"));
    expect(writes).toEqual([1]);
  });

  it("waits out a lost store: the refused batch and the calls that end meanwhile are written once it is back", async () => {
    const lost = new Error("connect ECONNREFUSED");
    let down = 2;
    const writes: string[][] = [];
    const waits: number[] = [];
    let backAfter = -1;
    const batch = new WriteBatch(
      (records) => {
        if (down-- > 0) throw lost;
        writes.push(records.map((r) => r.caseId));
      },
      {
        transient: (error) => error === lost,
        budgetMs: 10_000,
        onWait: (_error, attempt) => waits.push(attempt),
        onBack: (waited) => {
          backAfter = waited;
        },
      },
    );
    const settled: string[] = [];
    const first = ["a", "b"].map((id) => batch.add(record(id)).then(() => settled.push(id)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Refused once, waiting: nothing settled, and a call that ends now joins the waiting batch.
    expect(settled).toEqual([]);
    const later = batch.add(record("c")).then(() => settled.push("c"));
    await Promise.all([...first, later]);
    expect(writes).toEqual([["a", "b", "c"]]);
    expect(waits).toEqual([1, 2]);
    expect(backAfter).toBeGreaterThanOrEqual(100);
    expect(settled.sort()).toEqual(["a", "b", "c"]);
  });

  it("fails the held calls once the store has been gone longer than the wait allows", async () => {
    const lost = new Error("connect ECONNREFUSED");
    const batch = new WriteBatch(
      () => {
        throw lost;
      },
      { transient: (error) => error === lost, budgetMs: 250 },
    );
    const started = Date.now();
    await expect(batch.add(record("a"))).rejects.toBe(lost);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("keeps what the store never took, past the wait or at a stop, and says where", async () => {
    const lost = new Error("connect ECONNREFUSED");
    const kept: string[][] = [];
    const wait = (signal?: AbortSignal) => ({
      transient: (error: unknown) => error === lost,
      budgetMs: 150,
      keep: (records: readonly CallRecord[]) => {
        kept.push(records.map((r) => r.caseId));
        return "/held/run.jsonl";
      },
      ...(signal ? { signal } : {}),
    });
    const refusing = () => {
      throw lost;
    };
    const past = new WriteBatch(refusing, wait());
    const error = await past.add(record("a")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeldCalls);
    expect(error).toMatchObject({ file: "/held/run.jsonl", count: 1, exitCode: 4 });
    expect((error as Error).message).toMatch(
      /kept in \/held\/run\.jsonl: once the store is back, `callgrade run --resume r`/,
    );
    expect(kept).toEqual([["a"]]);

    // A stop while it waits keeps the batch at once, long before the wait is over.
    const stop = new AbortController();
    const stopped = new WriteBatch(refusing, { ...wait(stop.signal), budgetMs: 60_000 });
    const started = Date.now();
    const pending = stopped.add(record("b")).catch((e: unknown) => e);
    setTimeout(() => stop.abort(), 50);
    expect(await pending).toBeInstanceOf(HeldCalls);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(kept).toEqual([["a"], ["b"]]);
  });
});

import { describe, expect, it } from "vitest";
import { WriteBatch } from "../../src/runner/write-batch.js";
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
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.js";
import { BACKENDS, storePlace, useBackend } from "../helpers/backends.js";
import { runRecord } from "../helpers/run-record.js";
import { sqliteOf } from "../helpers/sqlite.js";

/** A new store on the backend of the tests running (see tests/helpers/backends.ts). */
function tempStore(): Store {
  return Store.open(storePlace("cg-store-"));
}

const RUN = runRecord({
  models: [{ id: "m", provider: "replay" }],
  fields: [{ name: "a", match: { kind: "text" } }],
  knowledgeBase: "Hours: 9 to 5.",
  review: { overlap: 0.1, leaseMinutes: 15, passRating: 3 },
});
const CASE = {
  id: "c1",
  transcript: "hi",
  gold: { a: "x" },
  meta: { callDate: "2026-01-01" },
  source: { file: "f", line: 1 },
};
const USAGE = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 2 };

describe.each(BACKENDS)("Store on %s", (backend) => {
  beforeAll(() => useBackend(backend));

  it("stores a run with its cases and reads them back", () => {
    const store = tempStore();
    store.runs.create(RUN, [CASE]);
    expect(store.runs.latest()).toMatchObject({ id: "r1", status: "running", fields: RUN.fields });
    expect(store.runs.cases("r1")).toEqual([{ ...CASE, source: { file: "(store)", line: 0 } }]);
    store.runs.finish("r1", "finished");
    expect(store.runs.get("r1")?.status).toBe("finished");
    store.close();
  });

  it("stores a call together with its validated output", () => {
    const store = tempStore();
    store.runs.create(RUN, [CASE]);
    store.calls.record({
      runId: "r1",
      caseId: "c1",
      modelId: "m",
      rep: 0,
      text: '{"a":"x"}',
      error: null,
      raw: { id: "resp" },
      usage: USAGE,
      costUsd: 0.001,
      latencyMs: 120,
      attempts: 2,
      fromCache: false,
      output: { ok: true, value: { a: "x" }, issues: [] },
    });
    const [call] = store.calls.forRun("r1");
    expect(call).toMatchObject({
      status: "ok",
      valid: true,
      value: { a: "x" },
      inputTokens: 10,
      attempts: 2,
      costUsd: 0.001,
    });
    store.close();
  });

  it("re-scoring keeps a review item that already has a grade", () => {
    const store = tempStore();
    store.runs.create(RUN, [CASE, { ...CASE, id: "c2" }]);
    const item = (caseId: string) => ({
      caseId,
      field: "a",
      reason: "disagreement" as const,
      modelValues: {},
      priority: 1,
    });
    store.results.replace("r1", [], [], [item("c1"), item("c2")]);
    const graded = store.db.prepare("SELECT id FROM review_items WHERE case_id = 'c1'").get() as {
      id: number;
    };
    store.db
      .prepare(
        "INSERT INTO grades (review_item_id, reviewer, verdict, created_at) VALUES (?, 'ann', 'pick', 'now')",
      )
      .run(graded.id);
    store.results.replace("r1", [], [], []);
    expect(store.results.reviewCount("r1").queued).toBe(1);
    store.close();
  });

  it("queues a review item drawn into a judge's sample (reason 'sampled')", () => {
    const store = tempStore();
    store.runs.create(RUN, [CASE]);
    const sampled = {
      caseId: "c1",
      field: "a",
      reason: "sampled" as const,
      modelValues: { m: "x" },
      priority: 1,
    };
    store.results.replace("r1", [], [], [sampled]);
    expect(store.review.items("r1")).toMatchObject([{ caseId: "c1", field: "a", reason: "sampled" }]);
    store.close();
  });

  it("answers a cached response by key", () => {
    const store = tempStore();
    store.cache.put("k1", "m", { text: "{}", usage: USAGE, finishReason: "stop", latencyMs: 42 });
    expect(store.cache.get("k1")).toEqual({ text: "{}", usage: USAGE, finishReason: "stop", latencyMs: 42 });
    expect(store.cache.get("k2")).toBeUndefined();
    store.close();
  });
});

describe("Store on SQLite", () => {
  it("creates its folder, uses WAL and migrates to the latest schema", () => {
    const store = Store.open(
      path.join(mkdtempSync(path.join(tmpdir(), "cg-store-")), "nested", "callgrade.db"),
    );
    expect(sqliteOf(store).pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqliteOf(store).pragma("user_version", { simple: true })).toBeGreaterThan(0);
    store.close();
  });

  it("refuses a file that is not SQLite with a message naming it", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cg-store-")), "notes.db");
    writeFileSync(file, "these are my notes, not a database ".repeat(200));
    expect(() => Store.open(file)).toThrow(`${file}: is not a callgrade store`);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Case } from "../../src/core/types.js";
import { Store } from "../../src/store/index.js";
import { BACKENDS, storePlace, useBackend } from "../helpers/backends.js";
import { runRecord } from "../helpers/run-record.js";

const RUN = runRecord({ configFile: null, models: [{ id: "m", provider: "replay" }] });

const caseAt = (i: number): Case => ({
  id: `c${i}`,
  transcript: [{ speaker: "caller", text: `hello ${i}` }],
  gold: { n: i },
  meta: { i },
  source: { file: "calls.jsonl", line: i + 1 },
});

async function* stream(count: number, failAt?: number): AsyncGenerator<Case> {
  for (let i = 0; i < count; i++) {
    if (i === failAt) throw new Error(`bad row ${i}`);
    yield caseAt(i);
  }
}

const tempStore = () => Store.open(storePlace("cg-create-"));

describe.each(BACKENDS)("creating a run from a stream of cases, on %s", (backend) => {
  beforeAll(() => useBackend(backend));

  it("stores every case in order with the run, read back a range at a time", async () => {
    const store = tempStore();
    const run = await store.runs.createFrom(stream(2_500), async (count) => ({
      ...RUN,
      repeat: count > 0 ? 2 : 1,
    }));
    expect(run).toMatchObject({ id: "r1", caseCount: 2_500, repeat: 2 });
    expect(store.runs.caseCount("r1")).toBe(2_500);
    expect(store.runs.casesAt("r1", 1_999, 2_002).map((c) => c.id)).toEqual(["c1999", "c2000", "c2001"]);
    expect(store.runs.casesAt("r1", 7, 8)).toEqual([{ ...caseAt(7), source: { file: "(store)", line: 0 } }]);
    store.close();
  });

  it("a bad row half way, or a run refused once all are read, leaves no run and no case behind", async () => {
    const store = tempStore();
    await expect(store.runs.createFrom(stream(2_500, 1_500), async () => RUN)).rejects.toThrow(
      "bad row 1500",
    );
    await expect(
      store.runs.createFrom(stream(10), async () => {
        throw new Error("no model can run");
      }),
    ).rejects.toThrow("no model can run");
    expect(store.runs.latest()).toBeUndefined();
    expect(store.db.prepare("SELECT count(*) FROM cases").pluck().get()).toBe(0);
    // And the next run is created as if nothing had happened.
    await store.runs.createFrom(stream(3), async () => RUN);
    expect(store.runs.caseCount("r1")).toBe(3);
    store.close();
  });
});

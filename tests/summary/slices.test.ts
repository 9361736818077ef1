// summary.json's slices from a store: how meta values are named, where cases without the key go, how a key
// with many values is pooled, and the interval of fieldAccuracy clustered by case.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Case } from "../../src/core/types.js";
import { Store } from "../../src/store/index.js";
import type { ScoreRow } from "../../src/store/results.js";
import {
  MAX_SLICE_VALUES,
  NO_VALUE,
  OTHER_VALUES,
  slicesFor,
  slicesSummary,
} from "../../src/summary/slices.js";

const RUN = {
  id: "r1",
  suite: "s",
  createdAt: "2026-01-01T00:00:00.000Z",
  configFile: null,
  hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
  models: [{ id: "m", provider: "replay" }],
  fields: [
    { name: "a", match: { kind: "text" as const } },
    { name: "b", match: { kind: "text" as const } },
  ],
  scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
  repeat: 1,
  skipped: [],
  knowledgeBase: "",
  review: { overlap: 0, leaseMinutes: 15, passRating: 3 },
};

function caseWith(id: string, meta: Record<string, unknown>): Case {
  return { id, transcript: id, gold: { a: "x", b: "y" }, meta, source: { file: "f", line: 1 } };
}

const score = (caseId: string, field: string, correct: boolean, outcome?: string): ScoreRow => ({
  caseId,
  modelId: "m",
  rep: 0,
  field,
  correct,
  outcome: outcome ?? (correct ? "tp" : "wrong"),
  gold: { kind: "value", value: "x" },
  predicted: { kind: "value", value: "x" },
});

function storeWith(cases: Case[], scores: ScoreRow[]): Store {
  const store = Store.open(path.join(mkdtempSync(path.join(tmpdir(), "cg-slices-")), "callgrade.db"));
  store.runs.create(RUN, cases);
  store.results.replace("r1", scores, [], []);
  return store;
}

describe("slices of a run", () => {
  it("come from the config of the run's own suite only, not one of another suite beside it", () => {
    const config = { name: "s", slices: ["language"] };
    expect(slicesFor(config, { suite: "s" })).toEqual(["language"]);
    expect(slicesFor(config, { suite: "other" })).toBeUndefined();
    expect(slicesFor(undefined, { suite: "s" })).toBeUndefined();
  });

  it("name values by text or JSON and put cases without the key, or with null, in (none)", () => {
    const cases = [
      caseWith("c1", { v: "ja" }),
      caseWith("c2", { v: 3 }),
      caseWith("c3", { v: true }),
      caseWith("c4", { v: { nested: [1, "two"] } }),
      caseWith("c5", { v: null }),
      caseWith("c6", {}),
      caseWith("c7", { v: 2.5 }),
    ];
    const store = storeWith(cases, [score("c1", "a", true), score("c6", "a", false)]);
    const run = store.runs.get("r1");
    if (!run) throw new Error("no run");
    const slices = slicesSummary(store, run, ["v"]).v ?? {};
    expect(Object.keys(slices).sort()).toEqual(
      ["ja", "3", "true", '{"nested":[1,"two"]}', NO_VALUE, "2.5"].sort(),
    );
    expect(slices[NO_VALUE]?.cases).toBe(2);
    expect(slices[NO_VALUE]?.models.m?.fields.a).toMatchObject({ accuracy: 0, n: 1, correct: 0 });
    expect(slices.ja?.models.m?.fieldAccuracy).toBe(1);
    expect(slices["3"]).toEqual({ cases: 1, models: {} });
    store.close();
  });

  it("pool a key's least common values in (other), keeping the most common", () => {
    const cases = Array.from({ length: MAX_SLICE_VALUES + 10 }, (_, i) =>
      caseWith(`c${i}`, { caller: i < 3 ? "frequent" : `caller-${i}` }),
    );
    const store = storeWith(cases, []);
    const run = store.runs.get("r1");
    if (!run) throw new Error("no run");
    const slices = slicesSummary(store, run, ["caller"]).caller ?? {};
    expect(Object.keys(slices)).toHaveLength(MAX_SLICE_VALUES);
    expect(slices.frequent?.cases).toBe(3);
    const total = Object.values(slices).reduce((sum, s) => sum + s.cases, 0);
    expect(total).toBe(cases.length);
    expect(slices[OTHER_VALUES]?.cases).toBe(cases.length - 3 - (MAX_SLICE_VALUES - 2));
    store.close();
  });

  it("give fieldAccuracy an interval clustered by case, and leave unreadable values out", () => {
    // Fields right on c1 both, c2 a only, c3 neither, c4 both: a 3/4, b 2/4, mean 5/8. Per case, the influence
    // Σ_f (x − p_f)/4/2 is c1 (1/4 + 1/2)/8, c2 (1/4 − 1/2)/8, c3 (−3/4 − 1/2)/8, c4 (1/4 + 1/2)/8.
    const ids = ["c1", "c2", "c3", "c4"];
    const right: Record<string, [boolean, boolean]> = {
      c1: [true, true],
      c2: [true, false],
      c3: [false, false],
      c4: [true, true],
    };
    const scores = ids.flatMap((id) => [
      score(id, "a", right[id]?.[0] === true),
      score(id, "b", right[id]?.[1] === true),
    ]);
    scores.push({ ...score("c5", "a", false, "unreadable") });
    const store = storeWith(
      [...ids, "c5"].map((id) => caseWith(id, { k: "x" })),
      scores,
    );
    const run = store.runs.get("r1");
    if (!run) throw new Error("no run");
    const x = slicesSummary(store, run, ["k"]).k?.x?.models.m;
    const influences = [0.75, -0.25, -1.25, 0.75].map((v) => v / 8);
    const variance = (influences.reduce((sum, v) => sum + v * v, 0) * 4) / 3;
    expect(x?.fieldAccuracy).toBe(5 / 8);
    expect(x?.n).toBe(4);
    expect(x?.fields.a).toMatchObject({ n: 4, correct: 3 });
    expect(x?.stdError).toBeCloseTo(Math.sqrt(variance), 12);
    expect(x?.ci95?.[0]).toBeCloseTo(5 / 8 - 1.959964 * Math.sqrt(variance), 9);
    store.close();
  });
});

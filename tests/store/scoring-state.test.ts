// A re-scoring is skipped only when the same build scored the run and nothing scoring reads has changed since.
import { beforeAll, describe, expect, it } from "vitest";
import { seedRun } from "../../bench/seed-store.js";
import { scoreRun } from "../../src/runner/score-run.js";
import { Store } from "../../src/store/index.js";
import { BACKENDS, storePlace, useBackend } from "../helpers/backends.js";

function seeded() {
  const store = Store.open(storePlace("cg-scored-"));
  // Without gold the two models disagree on every name: agreement rows and one review item per case.
  const run = seedRun(store, { cases: 4, gold: false });
  return { store, run };
}

/** Flips every stored agreement behind the scorer's back: a re-scoring puts them right again. */
function tamper(store: Store, runId: string): void {
  store.db.prepare("UPDATE agreement SET agreed = 1 - agreed WHERE run_id = ?").run(runId);
}

/** Every stored agreement flag, in order: "0000…1111". */
const agreedFields = (store: Store, runId: string) =>
  (
    store.db
      .prepare("SELECT agreed FROM agreement WHERE run_id = ? ORDER BY field, case_id")
      .pluck()
      .all(runId) as number[]
  ).join("");

describe.each(BACKENDS)("scoring state, on %s", (backend) => {
  beforeAll(() => useBackend(backend));

  it("a run scored by this build and untouched since is not scored again", () => {
    const { store, run } = seeded();
    scoreRun(store, run, { build: "build-1" });
    const honest = agreedFields(store, run.id);
    tamper(store, run.id);
    scoreRun(store, run, { build: "build-1" });
    expect(agreedFields(store, run.id)).not.toBe(honest);
  });

  it("another build scores it again", () => {
    const { store, run } = seeded();
    scoreRun(store, run, { build: "build-1" });
    const honest = agreedFields(store, run.id);
    tamper(store, run.id);
    scoreRun(store, run, { build: "build-2" });
    expect(agreedFields(store, run.id)).toBe(honest);
  });

  it("a call written, an output replaced or a grade recorded since makes the next report score again", () => {
    const { store, run } = seeded();
    const changes: [string, () => void][] = [
      [
        "call",
        () => store.db.prepare("UPDATE calls SET latency_ms = latency_ms + 1 WHERE run_id = ?").run(run.id),
      ],
      [
        "output",
        () =>
          store.db
            .prepare(
              "UPDATE outputs SET issues = issues WHERE call_id IN (SELECT id FROM calls WHERE run_id = ?)",
            )
            .run(run.id),
      ],
      [
        "grade",
        () => {
          const item = store.db
            .prepare("SELECT id FROM review_items WHERE run_id = ? LIMIT 1")
            .pluck()
            .get(run.id);
          store.review.record(Number(item), "ana", { kind: "none" });
        },
      ],
    ];
    scoreRun(store, run, { build: "build-1" });
    const honest = agreedFields(store, run.id);
    for (const [what, change] of changes) {
      tamper(store, run.id);
      change();
      scoreRun(store, run, { build: "build-1" });
      expect(agreedFields(store, run.id), what).toBe(honest);
    }
  });

  it("running from the sources (no build id) always scores", () => {
    const { store, run } = seeded();
    scoreRun(store, run, { build: undefined });
    const honest = agreedFields(store, run.id);
    tamper(store, run.id);
    scoreRun(store, run, { build: undefined });
    expect(agreedFields(store, run.id)).toBe(honest);
  });
});

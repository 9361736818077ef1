// report.html's agreement figures are the same whether scoring gathered them as it went or the report read
// the run again; and a tally that did not see the whole run is never taken for the run's.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { BenchBooking } from "../../bench/schema.js";
import { seedRun } from "../../bench/seed-store.js";
import { ANSWER } from "../../bench/suite.js";
import { openReviewSession } from "../../src/review/session.js";
import { scoreRun } from "../../src/runner/score-run.js";
import { type RunRecord, Store } from "../../src/store/index.js";
import { AgreementTally } from "../../src/summary/agreement-tally.js";
import { buildSummary } from "../../src/summary/build.js";
import { reportData } from "../../src/summary/report-data.js";
import { validateOutput } from "../../src/validate/index.js";

function seeded(gold = true): { store: Store; run: RunRecord } {
  const store = Store.open(path.join(mkdtempSync(path.join(tmpdir(), "cg-tally-")), "callgrade.db"));
  // With gold, the second model is now and then wrong, and once in 50 cases not even JSON; without, the two
  // models disagree on every name, and each case is queued for review.
  const run = seedRun(store, { cases: 120, gold });
  return { store, run };
}

/** Grades the first item of the queue, so a disagreement carries what a reviewer settled. */
function gradeFirst(store: Store, run: RunRecord): void {
  const session = openReviewSession(store, { runId: run.id, reviewer: "ann" });
  const item = session.next()?.fields[0];
  if (!item) throw new Error("nothing queued");
  session.grade({ itemId: item.itemId, verdict: { kind: "pick", modelId: "replay-1", value: "Ana Ruiz" } });
  session.close();
}

/** The run's report data with the tally its scoring gathered, and read again without it. */
function bothWays(store: Store, run: RunRecord) {
  const tally = new AgreementTally(store, run);
  scoreRun(store, run, { build: undefined, observer: tally });
  expect(tally.complete).toBe(true);
  const summary = buildSummary(store, run);
  const read = vi.spyOn(store.calls, "outputsOf");
  const observed = reportData(store, run, summary, { agreement: tally });
  expect(read).not.toHaveBeenCalled();
  const reread = reportData(store, run, summary);
  expect(read).toHaveBeenCalled();
  read.mockRestore();
  expect(observed.pairwise).toEqual(reread.pairwise);
  expect(observed.disagreements).toEqual(reread.disagreements);
  return observed;
}

describe("AgreementTally", () => {
  it("gathered while scoring, gives the figures a report reading the run again gives, without reading it", () => {
    const { store, run } = seeded();
    const data = bothWays(store, run);
    // Not a comparison of two empty lists: agreement short of 1, and invalid and wrong outputs listed.
    // Counted by hand from the seeded answers: over 120 cases × 2 fields, the second model's output is not
    // JSON once in 50 cases (both fields differ), and it says 3 people once in 7 and "Anna" once in 11.
    let equal = 0;
    for (let i = 0; i < 120; i++) {
      if (i % 50 === 7) continue;
      const partySize = i % 7 !== 3;
      equal += Number(partySize) + Number(!partySize || i % 11 !== 5);
    }
    expect(data.pairwise).toEqual([{ a: "replay-1", b: "replay-2", n: 240, rate: equal / 240 }]);
    expect(new Set(data.disagreements.map((d) => d.reason))).toEqual(new Set(["invalid", "disagreement"]));
    expect(data.disagreements.every((d) => typeof d.transcript === "string" && d.transcript !== "")).toBe(
      true,
    );

    // A second repetition that disagrees on everything changes none of it: models are compared on the first.
    const wrong = JSON.stringify({ ...ANSWER, name: "Zed", party_size: 9 });
    for (const item of [...store.runs.casePages(run.id)].flat()) {
      store.calls.record({
        runId: run.id,
        caseId: item.id,
        modelId: "replay-2",
        rep: 1,
        text: wrong,
        error: null,
        raw: undefined,
        usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 },
        costUsd: null,
        latencyMs: 5,
        attempts: 1,
        fromCache: false,
        output: validateOutput(wrong, BenchBooking),
      });
    }
    const again = bothWays(store, run);
    expect(again.pairwise).toEqual(data.pairwise);
    expect(again.disagreements).toEqual(data.disagreements);
    store.close();
  });

  it("carries what reviewers settled, as the report read again does", () => {
    const { store, run } = seeded(false);
    scoreRun(store, run, { build: undefined });
    gradeFirst(store, run);
    const data = bothWays(store, run);
    expect(data.disagreements.filter((d) => d.human?.reviewers.includes("ann"))).toHaveLength(1);
    store.close();
  });

  it("a tally whose scoring was skipped, or of another run, is not used: the report reads the run", () => {
    const { store, run } = seeded();
    scoreRun(store, run, { build: "b1" });
    const skipped = new AgreementTally(store, run);
    scoreRun(store, run, { build: "b1", observer: skipped });
    expect(skipped.complete).toBe(false);
    const other = seedRun(store, { cases: 3, gold: true });
    const elsewhere = new AgreementTally(store, other);
    scoreRun(store, other, { build: "b1", observer: elsewhere });
    expect(elsewhere.complete).toBe(true);

    const summary = buildSummary(store, run);
    const truth = reportData(store, run, summary);
    expect(truth.disagreements.length).toBeGreaterThan(0);
    for (const agreement of [skipped, elsewhere]) {
      const data = reportData(store, run, summary, { agreement });
      expect(data.pairwise).toEqual(truth.pairwise);
      expect(data.disagreements).toEqual(truth.disagreements);
    }
    store.close();
  });
});

describe("kept agreement figures", () => {
  /** A run scored by build b1 with the tally watching, and its report data then (which keeps the figures). */
  function scoredAndKept() {
    const { store, run } = seeded();
    const tally = new AgreementTally(store, run);
    scoreRun(store, run, { build: "b1", observer: tally });
    const summary = buildSummary(store, run);
    const first = reportData(store, run, summary, { agreement: tally, build: "b1" });
    return { store, run, summary, first };
  }

  it("a later report of the unchanged run reads them instead of every output, transcripts and all", () => {
    const { store, run, summary, first } = scoredAndKept();
    const read = vi.spyOn(store.calls, "outputsOf");
    const later = reportData(store, run, summary, { build: "b1" });
    expect(read).not.toHaveBeenCalled();
    expect(later.pairwise).toEqual(first.pairwise);
    expect(later.disagreements).toEqual(first.disagreements);
    expect(later.disagreements.length).toBeGreaterThan(0);
    store.close();
  });

  it("are not used once the run changed, for another build, or when they do not read as figures", () => {
    const cases: [string, (store: Store, run: RunRecord) => string][] = [
      [
        "a call written since",
        (store, run) => {
          store.db.prepare("UPDATE calls SET latency_ms = latency_ms + 1 WHERE run_id = ?").run(run.id);
          return "b1";
        },
      ],
      ["another build", () => "b2"],
      [
        "garbled",
        (store, run) => {
          store.db
            .prepare("UPDATE report_figures SET figures = '{\"pairwise\": 3}' WHERE run_id = ?")
            .run(run.id);
          return "b1";
        },
      ],
    ];
    for (const [, change] of cases) {
      const { store, run, summary, first } = scoredAndKept();
      const build = change(store, run);
      const read = vi.spyOn(store.calls, "outputsOf");
      const again = reportData(store, run, summary, { build });
      expect(read).toHaveBeenCalled();
      expect(again.pairwise).toEqual(first.pairwise);
      expect(again.disagreements).toEqual(first.disagreements);
      store.close();
    }
  });

  it("a report that gathered them itself, with no scoring of its own, writes nothing to the store", () => {
    const { store, run } = seeded();
    scoreRun(store, run, { build: "b1" });
    const summary = buildSummary(store, run);
    reportData(store, run, summary, { build: "b1" });
    expect(store.db.prepare("SELECT COUNT(*) FROM report_figures").pluck().get()).toBe(0);
    store.close();
  });
});

// A judge's figures in the summary, on runs small enough to work out by hand.
import { describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { judgeConsole } from "../../src/report/console-judge.js";
import { judgeMarkdown } from "../../src/report/markdown-judge.js";
import type { RunRecord, StoredGrade, StoredJudgement, StoredReviewItem } from "../../src/store/index.js";
import { judgeSummary } from "../../src/summary/judge.js";

const RUN = {
  id: "r1",
  models: [
    { id: "a", provider: "replay" },
    { id: "b", provider: "replay" },
  ],
  review: { overlap: 0, leaseMinutes: 15, passRating: 3 },
} as unknown as RunRecord;

const item = (id: number, caseId: string, priority: number): StoredReviewItem => ({
  id,
  caseId,
  caseIdx: id,
  field: "notes",
  reason: "free-text",
  priority,
  modelValues: {},
});

const judged = (caseId: string, modelId: string, score: number | undefined): StoredJudgement => ({
  caseId,
  modelId,
  rep: 0,
  field: "notes",
  judgeId: "judge",
  status: score === undefined ? "invalid" : "ok",
  verdict: score === undefined ? null : { pass: score >= 3, score, reason: "" },
  issues: [],
  error: null,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: null,
  latencyMs: 0,
  attempts: 1,
  fromCache: false,
});

const rated = (itemId: number, a: boolean, b?: boolean): StoredGrade => ({
  id: itemId,
  itemId,
  caseId: `c${itemId}`,
  field: "notes",
  reviewer: "ann",
  verdict: {
    kind: "rating",
    ratings: {
      a: { score: a ? 4 : 2, pass: a },
      ...(b === undefined ? {} : { b: { score: b ? 4 : 2, pass: b } }),
    },
  },
  createdAt: "2026-12-07T00:00:00.000Z",
});

describe("judge summary", () => {
  it("with every item graded, the estimate is the people's accuracy, and calibration counts the pairs", () => {
    const items = [item(1, "c1", 0.9), item(2, "c2", 0.8), item(3, "c3", 0.7), item(4, "c4", 0.6)];
    // Model a: the judge passes all four; people pass c1 and c2 only. Model b: c4 did not validate.
    const judgements = [
      judged("c1", "a", 5),
      judged("c2", "a", 4),
      judged("c3", "a", 4),
      judged("c4", "a", 3),
      judged("c1", "b", 1),
      judged("c2", "b", 5),
      judged("c3", "b", undefined),
    ];
    const grades = [rated(1, true, false), rated(2, true, true), rated(3, false, true), rated(4, false)];
    const summary = judgeSummary({ run: RUN, items, grades, judgements });
    const a = summary?.fields.notes?.a;
    expect(a).toMatchObject({ N: 4, n: 4, estimate: { estimate: 0.5 }, judgeOnly: { estimate: 1 } });
    expect(a?.humanOnly.estimate).toBe(0.5);
    expect(a?.calibration).toEqual({
      n: 4,
      kappa: 0,
      judgePassRate: 1,
      humanPassRate: 0.5,
      confusion: { bothPass: 2, judgeOnlyPass: 2, humanOnlyPass: 0, bothFail: 0 },
    });
    // b: c1 fail/fail, c2 pass/pass, c3 no verdict (people pass), c4 wrong by rule.
    const b = summary?.fields.notes?.b;
    expect(b).toMatchObject({ N: 4, n: 3, estimate: { estimate: 0.5 }, judgeOnly: { estimate: 1 / 3 } });
    expect(b?.calibration).toMatchObject({
      n: 2,
      kappa: 1,
      confusion: { bothPass: 1, judgeOnlyPass: 0, humanOnlyPass: 0, bothFail: 1 },
    });
  });

  it("uses only the graded run from the top of the priority order, each with its drawn probability", () => {
    // Priorities 0.8 → q = 4, 0.75 → 3, 0.5 → 1, 0.2 → 0.25. The top two are graded, the third is not
    // (τ = 1), the fourth was graded out of order and is left out.
    const items = [item(1, "c1", 0.8), item(2, "c2", 0.75), item(3, "c3", 0.5), item(4, "c4", 0.2)];
    const judgements = ["c1", "c2", "c3", "c4"].map((c) => judged(c, "a", 5));
    const grades = [rated(1, true), rated(2, false), rated(4, false)];
    const a = judgeSummary({ run: RUN, items, grades, judgements })?.fields.notes?.a;
    expect(a?.n).toBe(2);
    expect(a?.calibration.n).toBe(2);
    // Every verdict is "sure" (score 5): weight 0.4 each, so both sampled items were drawn with 0.4/1.
    // T = λf + (Y − λf)/0.4 on the two graded, λf on the others; λ tuned from these four terms.
    const terms = (lambda: number) => [
      lambda + (1 - lambda) / 0.4,
      lambda + (0 - lambda) / 0.4,
      lambda,
      lambda,
    ];
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    expect(a?.estimate.lambda).not.toBeNull();
    expect(a?.estimate.estimate).toBeCloseTo(Math.min(1, mean(terms(a?.estimate.lambda ?? 0))), 12);
  });

  it("report.md shows the three numbers, the judge against people and what the grades are worth", () => {
    const items = [item(1, "c1", 0.9), item(2, "c2", 0.8), item(3, "c3", 0.7)];
    const judgements = ["c1", "c2", "c3"].map((c) => judged(c, "a", 4));
    const judge = judgeSummary({ run: RUN, items, grades: [rated(1, true), rated(2, false)], judgements });
    const text = judgeMarkdown({ judge } as RunSummary).join("\n");
    expect(text).toContain("## Free text, judged");
    // a: 2 of 3 graded (c3 not): the judge passes all, people 1 of 2, so κ is 0 (the agreement chance
    // predicts); 2 grades are worth 2, and with one answer left ungraded no count of grades is computed.
    const line = text.split("\n").find((l) => l.startsWith("| notes | a |"));
    expect(line).toMatch(
      /^\| notes \| a \| [\d.]+% \[\d+–\d+\] \| 100\.0% \[44–100\] \| 50\.0% \[9–91\] \| 2 of 3 \| κ 0\.00, passes 100% vs 50% \(n=2\) \| 2 \|$/,
    );
    expect(judgeMarkdown({} as RunSummary)).toEqual([]);
    // The terminal's table: the same figures, per model a column.
    const models = [{ id: "a" }, { id: "b" }] as RunSummary["models"];
    const terminal = judgeConsole({ judge, models } as RunSummary).join("\n");
    expect(terminal).toMatch(/judge only +100\.0% \[44–100\]/);
    expect(terminal).toMatch(/graded by people +2 of 3/);
    expect(terminal).toMatch(/judge vs people +κ 0\.00, 100% vs 50% pass/);
    // b gave no answer the judge saw (all wrong by rule): nothing measures the judge there.
    expect(terminal).toMatch(/estimate, 95% CI +[\d.]+% \[\d+–\d+\] +—/);
    expect(terminal).toContain("no estimate until");
  });

  it("gives no estimate before two answers are graded by people, however many are wrong by rule", () => {
    const items = [item(1, "c1", 0.9), item(2, "c2", 0.8), item(3, "c3", 0.7), item(4, "c4", 0.6)];
    // b's answers on c3 and c4 did not validate (not judged): known wrong, but no measure of the judge.
    const judgements = [judged("c1", "a", 5), judged("c1", "b", 5), judged("c2", "b", 4)];
    const b = judgeSummary({ run: RUN, items, grades: [rated(1, true, true)], judgements })?.fields.notes?.b;
    expect(b).toMatchObject({
      n: 1,
      estimate: { estimate: null, lower: 0, upper: 1, standardError: null, lambda: null },
    });
  });

  it("goes by one judge: the one with the most verdicts, another judge's left out", () => {
    const items = [item(1, "c1", 0.9), item(2, "c2", 0.8)];
    const older = { ...judged("c1", "a", 1), judgeId: "old-judge" };
    const judgements = [older, judged("c1", "a", 5), judged("c2", "a", 5)];
    const summary = judgeSummary({ run: RUN, items, grades: [], judgements });
    expect(summary).toMatchObject({ judgeId: "judge", calls: 2 });
    // Only "judge" passed c1 (the old judge failed it): both answers pass as the summary reads them.
    expect(summary?.fields.notes?.a?.judgeOnly.estimate).toBe(1);
  });

  it("has nothing to say without judgements", () => {
    expect(judgeSummary({ run: RUN, items: [], grades: [], judgements: [] })).toBeUndefined();
  });
});

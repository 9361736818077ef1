// A judge's figures in the summary, on runs small enough to work out by hand.
import { describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { judgeConsole } from "../../src/report/console-judge.js";
import { judgeMarkdown } from "../../src/report/markdown-judge.js";
import { itemDraw, reviewPriority } from "../../src/scoring/judge-sample.js";
import type { RunRecord, StoredGrade, StoredJudgement, StoredReviewItem } from "../../src/store/index.js";
import { judgeSummary } from "../../src/summary/judge.js";

const RUN = {
  id: "r1",
  models: [
    { id: "a", provider: "replay" },
    { id: "b", provider: "replay" },
  ],
  fields: [{ name: "notes", match: { kind: "free-text" } }],
  review: { overlap: 0, leaseMinutes: 15, passRating: 3 },
} as unknown as RunRecord;

const INVALID = { invalid: ["notes: expected string"] };
const BOTH = { a: "note", b: "note" };

/** A sampled item of weight w: its review priority made from w and its fixed draw, as scoring makes it. */
const item = (
  id: number,
  caseId: string,
  weight: number,
  modelValues: Record<string, unknown> = BOTH,
): StoredReviewItem => ({
  id,
  caseId,
  caseIdx: id,
  field: "notes",
  reason: "free-text",
  priority: reviewPriority(weight, itemDraw("r1", caseId, "notes")),
  modelValues,
});

/** No case's match context is needed where people only rate. */
const contextOf = (): never => {
  throw new Error("no context is needed for ratings");
};

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
    const items = [
      item(1, "c1", 0.9),
      item(2, "c2", 0.8),
      item(3, "c3", 0.7),
      item(4, "c4", 0.6, { a: "note", b: INVALID }),
    ];
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
    const summary = judgeSummary({ run: RUN, items, grades, judgements, contextOf });
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
    // Every item weighs 0.4 (the judge sure of every answer); its priority q = 0.4/u by its fixed draw u.
    // The top two are graded, the third is not (τ = its q), the fourth was graded out of order: left out.
    const ranked = ["c1", "c2", "c3", "c4"]
      .map((caseId, i) => ({ caseId, id: i + 1, q: 0.4 / itemDraw("r1", caseId, "notes") }))
      .sort((x, y) => y.q - x.q);
    const items = ranked.map((r) => item(r.id, r.caseId, 0.4));
    const judgements = ["c1", "c2", "c3", "c4"].map((c) => judged(c, "a", 5));
    const [top, second, third, fourth] = ranked.map((r) => r.id) as [number, number, number, number];
    const grades = [rated(top, true), rated(second, false), rated(fourth, false)];
    const a = judgeSummary({ run: RUN, items, grades, judgements, contextOf })?.fields.notes?.a;
    expect(a?.n).toBe(2);
    expect(a?.calibration.n).toBe(2);
    // Each sampled item was drawn with probability min(1, 0.4/τ), τ the third item's priority.
    const tau = ranked[2]?.q ?? Number.NaN;
    expect(third).toBe(ranked[2]?.id);
    const p = Math.min(1, 0.4 / tau);
    // T = λf + (Y − λf)/p on the two graded, λf on the others; λ tuned from these four terms.
    const terms = (lambda: number) => [lambda + (1 - lambda) / p, lambda + (0 - lambda) / p, lambda, lambda];
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    expect(a?.estimate.lambda).not.toBeNull();
    expect(a?.estimate.estimate).toBeCloseTo(Math.min(1, mean(terms(a?.estimate.lambda ?? 0))), 12);
  });

  it("report.md shows the three numbers, the judge against people and what the grades are worth", () => {
    const onlyA = { a: "note", b: INVALID };
    // c1 and c2 weigh so much more than c3 that they come first, each drawn for sure.
    const items = [item(1, "c1", 100, onlyA), item(2, "c2", 100, onlyA), item(3, "c3", 0.2, onlyA)];
    const judgements = ["c1", "c2", "c3"].map((c) => judged(c, "a", 4));
    const grades = [rated(1, true), rated(2, false)];
    const judge = judgeSummary({ run: RUN, items, grades, judgements, contextOf });
    const text = judgeMarkdown({ judge } as RunSummary).join("\n");
    expect(text).toContain("## Judged fields");
    // a: 2 of 3 graded (c3 not): the judge passes all, people 1 of 2, so κ is 0 (the agreement chance
    // predicts); what the grades are worth is the estimate's, and with one answer left ungraded no count
    // of grades is computed.
    const worth = Math.round(judge?.fields.notes?.a?.estimate.effectiveHumanGrades ?? Number.NaN);
    expect(worth).toBeGreaterThanOrEqual(2);
    const line = text.split("\n").find((l) => l.startsWith("| notes | a |"));
    expect(line).toMatch(
      new RegExp(
        `^\\| notes \\| a \\| [\\d.]+% \\[\\d+–\\d+\\] \\| 100\\.0% \\[44–100\\] \\| 50\\.0% \\[9–91\\] \\| 2 of 3 \\| κ 0\\.00, passes 100% vs 50% \\(n=2\\) \\| ${worth} \\|$`,
      ),
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
    const onlyA = { a: "note", b: INVALID };
    // c1 weighs most: it comes first, and is the one item graded.
    const items = [
      item(1, "c1", 100),
      item(2, "c2", 0.8),
      item(3, "c3", 0.7, onlyA),
      item(4, "c4", 0.6, onlyA),
    ];
    // b's answers on c3 and c4 did not validate (not judged): known wrong, but no measure of the judge.
    const judgements = [judged("c1", "a", 5), judged("c1", "b", 5), judged("c2", "b", 4)];
    const grades = [rated(1, true, true)];
    const b = judgeSummary({ run: RUN, items, grades, judgements, contextOf })?.fields.notes?.b;
    expect(b).toMatchObject({
      n: 1,
      estimate: { estimate: null, lower: 0, upper: 1, standardError: null, lambda: null },
    });
  });

  it("goes by one judge: the one with the most verdicts, another judge's left out", () => {
    const items = [item(1, "c1", 0.9), item(2, "c2", 0.8)];
    const older = { ...judged("c1", "a", 1), judgeId: "old-judge" };
    const judgements = [older, judged("c1", "a", 5), judged("c2", "a", 5)];
    const summary = judgeSummary({ run: RUN, items, grades: [], judgements, contextOf });
    expect(summary).toMatchObject({ judgeId: "judge", calls: 2 });
    // Only "judge" passed c1 (the old judge failed it): both answers pass as the summary reads them.
    expect(summary?.fields.notes?.a?.judgeOnly.estimate).toBe(1);
  });

  it("has nothing to say without judgements", () => {
    expect(judgeSummary({ run: RUN, items: [], grades: [], judgements: [], contextOf })).toBeUndefined();
  });
});

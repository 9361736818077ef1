// Priority sampling of free-text items for people to grade: the draws, weights and probabilities, and a seeded
// simulation showing that grades taken in priority order keep the judge-corrected estimate's 95% interval
// honest, where the judge's own number is not.
import { describe, expect, it } from "vitest";
import { activePpiMean, judgeOnlyMean, seededRandom } from "../../src/gate/stats/index.js";
import {
  type FrameItem,
  itemDraw,
  itemWeight,
  mainJudge,
  priorityOf,
  prioritySample,
  reviewPriority,
} from "../../src/scoring/judge-sample.js";

describe("judge sample", () => {
  it("draws a fixed number in (0, 1] per run, case and field", () => {
    const draw = itemDraw("r1", "c1", "notes");
    expect(draw).toBeGreaterThan(0);
    expect(draw).toBeLessThanOrEqual(1);
    expect(itemDraw("r1", "c1", "notes")).toBe(draw);
    expect(itemDraw("r1", "c2", "notes")).not.toBe(draw);
    expect(itemDraw("r2", "c1", "notes")).not.toBe(draw);
  });

  it("weighs an item by how unsure the judge was of its answers, never at 0", () => {
    expect(itemWeight([5, 1])).toBeCloseTo(0.4);
    expect(itemWeight([3, 3])).toBeCloseTo(1.2);
    expect(itemWeight([5, undefined])).toBeCloseTo(0.8);
    expect(itemWeight([])).toBeCloseTo(1.2);
  });

  it("keeps free-text priorities below 1 and in the order of w/u", () => {
    const low = reviewPriority(0.4, 0.9);
    const high = reviewPriority(1.2, 0.1);
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThan(1);
    expect(high).toBeGreaterThan(low);
    expect(priorityOf(high)).toBeCloseTo(12);
  });

  it("goes by the judge with the most verdicts, the first by id on a tie", () => {
    expect(mainJudge([{ judgeId: "b" }, { judgeId: "a" }, { judgeId: "b" }])).toBe("b");
    expect(mainJudge([{ judgeId: "b" }, { judgeId: "a" }])).toBe("a");
    expect(mainJudge([])).toBeUndefined();
  });

  it("samples the graded run from the top, each with min(1, w/τ), τ the first item not graded", () => {
    const items: FrameItem[] = [
      { key: "a", priority: 10, weight: 1, graded: true },
      { key: "b", priority: 4, weight: 1.2, graded: true },
      { key: "c", priority: 2, weight: 0.4, graded: false },
      { key: "d", priority: 1, weight: 1, graded: true },
    ];
    // d was graded out of order (past c): left out.
    expect(prioritySample(items)).toEqual(
      new Map([
        ["a", 0.5],
        ["b", 0.6],
      ]),
    );
    expect(prioritySample(items.map((item) => ({ ...item, graded: true })))).toEqual(
      new Map([
        ["a", 1],
        ["b", 1],
        ["c", 1],
        ["d", 1],
      ]),
    );
    expect(prioritySample([{ key: "a", priority: 3, weight: 1, graded: false }])).toEqual(new Map());
  });

  it("graded in priority order, the corrected estimate covers the truth; the lenient judge's does not", () => {
    const random = seededRandom(20261207);
    const REPETITIONS = 1000;
    const SIZE = 800;
    const GRADED = 80;
    let covered = 0;
    let judgeCovered = 0;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      const truth: number[] = [];
      const judge: number[] = [];
      const items: FrameItem[] = [];
      for (let i = 0; i < SIZE; i++) {
        const right = random() < 0.7 ? 1 : 0;
        // Lenient: passes every right answer and half the wrong ones; sure (1 or 5) mostly when right.
        const pass = right === 1 || random() < 0.5 ? 1 : 0;
        const sure = right === 1 ? random() < 0.8 : random() < 0.3;
        const score = sure ? (pass ? 5 : 1) : pass ? 4 : 2;
        truth.push(right);
        judge.push(pass);
        const weight = itemWeight([score]);
        items.push({ key: String(i), priority: weight / (1 - random()), weight, graded: false });
      }
      const order = [...items].sort((a, b) => b.priority - a.priority);
      for (const item of order.slice(0, GRADED)) item.graded = true;
      const sampled = prioritySample(items);
      const fit = activePpiMean({
        judge,
        probability: items.map((item) => sampled.get(item.key) ?? 1),
        human: items.map((item, i) => (sampled.has(item.key) ? truth[i] : undefined)),
      });
      const actual = truth.reduce((sum, t) => sum + t, 0) / SIZE;
      if (fit.lower <= actual && actual <= fit.upper) covered++;
      const judged = judgeOnlyMean(judge);
      if (judged.lower <= actual && actual <= judged.upper) judgeCovered++;
    }
    expect(covered / REPETITIONS).toBeGreaterThanOrEqual(0.93);
    expect(judgeCovered / REPETITIONS).toBeLessThan(0.5);
  });
});

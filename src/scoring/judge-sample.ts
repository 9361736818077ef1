// Which free-text items people grade, so that their grades correct the judge validly: priority sampling
// (Duffield, Lund & Thorup 2007). Each item (a case's field) gets a fixed uniform draw u and a weight w
// (larger where the judge is less sure), and the queue shows items by priority q = w/u, highest first. The
// items graded form the sample while they are the top k by priority; with τ the priority of the first one
// not graded, each sampled item was drawn with probability min(1, w/τ), which is what active inference
// (gate/stats/ppi.ts activePpiMean) needs to stay valid whatever order the weights impose.
import { sha256 } from "../core/hash.js";

/** An item's fixed uniform draw in (0, 1]: from the run, case and field, so every reviewer sees one order. */
export function itemDraw(runId: string, caseId: string, field: string): number {
  const hex = sha256(`${runId}\u0000${caseId}\u0000${field}`).slice(0, 13);
  return (Number.parseInt(hex, 16) + 1) / 16 ** 13;
}

/** How a judge's verdict on one answer weighs: its score; undefined when it gave none (an error, invalid). */
export type JudgeScore = number | undefined;

/**
 * An item's sampling weight from the judge's scores on its answers: 1 for each answer it was unsure of
 * (scores 2 to 4, or no verdict), 0.2 where it was sure (1 or 5), averaged, plus 0.2, so no item is out of
 * reach (every probability stays above 0). An item whose answers all had no verdict weighs 1.2. Models
 * that disagree (a field compared by a matcher) add 2: one of them is wrong whatever the judge says, and
 * a person's decision there settles the most.
 */
export function itemWeight(scores: readonly JudgeScore[], disagreement = false): number {
  const bonus = disagreement ? 2 : 0;
  if (scores.length === 0) return 1.2 + bonus;
  let unsure = 0;
  for (const score of scores) unsure += score === 1 || score === 5 ? 0.2 : 1;
  return 0.2 + unsure / scores.length + bonus;
}

/**
 * The review priority of an item, in (0, 1) so free-text items stay below every item with a decision
 * between models (priority 1 and up): q/(1 + q) orders as q = w/u does.
 */
export function reviewPriority(weight: number, draw: number): number {
  const q = weight / draw;
  return q / (1 + q);
}

/** The priority an item's review priority was made from. */
export function priorityOf(reviewPriority: number): number {
  return reviewPriority / (1 - reviewPriority);
}

/**
 * Whether a review item is in a judge's priority sample: its review priority is in (0, 1). Items with a
 * decision between models and no judge rank from 1 up, free-text items no judge graded at 0.
 */
export function isSampled(reviewPriority: number): boolean {
  return reviewPriority > 0 && reviewPriority < 1;
}

/**
 * The weight a sampled item was given, read back from its review priority and its draw (w = q·u): what
 * the estimate needs, without making the weight again from what scoring saw.
 */
export function weightOf(runId: string, item: { caseId: string; field: string; priority: number }): number {
  return priorityOf(item.priority) * itemDraw(runId, item.caseId, item.field);
}

export interface FrameItem {
  key: string;
  /** w/u: see reviewPriority. */
  priority: number;
  weight: number;
  graded: boolean;
}

/**
 * The sample among `items`: the longest run of graded items from the top by priority, each with its
 * probability min(1, w/τ), τ the priority of the first item not graded (every item graded: all 1). Items
 * graded past that run (a case reached out of order, through its other fields) are left out: counting them
 * would make the sample depend on more than the draws.
 */
export function prioritySample(items: readonly FrameItem[]): Map<string, number> {
  const ordered = [...items].sort((a, b) => b.priority - a.priority);
  const stop = ordered.findIndex((item) => !item.graded);
  const threshold = stop === -1 ? 0 : (ordered[stop]?.priority ?? 0);
  const sampled = new Map<string, number>();
  for (const item of stop === -1 ? ordered : ordered.slice(0, stop)) {
    sampled.set(item.key, threshold === 0 ? 1 : Math.min(1, item.weight / threshold));
  }
  return sampled;
}

/**
 * The judge whose verdicts a run's sampling and estimates go by: the one with the most verdicts (ties: the
 * first by id). A run judged again under another id (a resume with a new config) keeps the older verdicts,
 * and mixing two judges' would measure neither.
 */
export function mainJudge(judgements: readonly { judgeId: string }[]): string | undefined {
  const counts = new Map<string, number>();
  for (const j of judgements) counts.set(j.judgeId, (counts.get(j.judgeId) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const entry of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!best || entry[1] > best[1]) best = entry;
  }
  return best?.[0];
}

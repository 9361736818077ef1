// The one wording of review counts. The run, the review screen, its quit message and every report count
// the same unit, the review item (one field of one case that needs a person), and say it the same way.

/** "1 review item", "38 review items". */
export function reviewItems(n: number): string {
  return `${n} review ${n === 1 ? "item" : "items"}`;
}

export interface GradedCounts {
  /** Review items graded (by the reviewer the line is about, or by anyone in a report). */
  graded: number;
  /** Every review item of the queue. */
  total: number;
  /** Review items still waiting for a grade. */
  left: number;
  /** Review items other reviewers finished, so the reviewer the line is about will not see them. */
  byOthers?: number;
}

/** "graded 12 of 38 review items · 26 left", with "(6 graded by others)" when others took some. */
export function gradedLine({ graded, total, left, byOthers = 0 }: GradedCounts): string {
  if (total === 0) return "no review items";
  const others = byOthers > 0 ? ` (${byOthers} graded by others)` : "";
  return `graded ${graded} of ${reviewItems(total)}${others} · ${left} left`;
}

/** "review item 7 of 38", with "(6 graded by others)" when others took some: where the reviewer is. */
export function positionLine(position: number, total: number, byOthers = 0): string {
  if (total === 0) return "no review items";
  const others = byOthers > 0 ? ` (${byOthers} graded by others)` : "";
  return `review item ${position} of ${total}${others}`;
}

// What the console, Markdown and HTML reports of the voice stage share: orders and short forms of its numbers.
import { pct } from "../core/format.js";
import type {
  AlignmentCounts,
  RecognitionPenalty,
  RobustnessPoint,
  RobustnessSummary,
} from "../core/summary.js";

/** Largest penalty first, unknown last; stable, so equal penalties keep the summary's order. */
export function mostHurtFirst<T extends { penalty: number | null }>(items: T[]): T[] {
  return [...items].sort(
    (a, b) => (b.penalty ?? Number.NEGATIVE_INFINITY) - (a.penalty ?? Number.NEGATIVE_INFINITY),
  );
}

/**
 * Pairs and their fields most hurt first. The summary promises this order already; the reports sort again
 * because a summary.json written by hand or by an older version is read by `callgrade report` too.
 */
export function penaltiesInOrder(penalty: RecognitionPenalty[]): RecognitionPenalty[] {
  const pairs = mostHurtFirst(penalty.map((p) => ({ pair: p, penalty: p.fieldAccuracy.penalty })));
  return pairs.map(({ pair }) => ({ ...pair, fields: mostHurtFirst(pair.fields) }));
}

/** "S 40 · D 12 · I 8": the three kinds of error behind an error rate. */
export function sdi(counts: AlignmentCounts): string {
  return `S ${counts.sub} · D ${counts.del} · I ${counts.ins}`;
}

/** The point of a curve at a requested level, if the model was scored there. */
export function pointAt(points: RobustnessPoint[], level: number): RobustnessPoint | undefined {
  return points.find((p) => p.level === level);
}

/** Accuracy at the noisiest level scored minus accuracy on the original transcripts: negative is a loss. */
export function robustnessChange(points: RobustnessPoint[]): number | null {
  const known = points.filter((p) => p.accuracy !== null);
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last || first === last || first.accuracy === null || last.accuracy === null) return null;
  return last.accuracy - first.accuracy;
}

/** Fields whose accuracy falls furthest with noise first. */
export function fieldsByChange(fields: Record<string, RobustnessPoint[]>): [string, RobustnessPoint[]][] {
  return Object.entries(fields)
    .map(([field, points]) => ({ field, points, penalty: negate(robustnessChange(points)) }))
    .sort((a, b) => (b.penalty ?? Number.NEGATIVE_INFINITY) - (a.penalty ?? Number.NEGATIVE_INFINITY))
    .map(({ field, points }): [string, RobustnessPoint[]] => [field, points]);
}

/** A column heading for a noise level: what was asked for and what the variants really have. */
export function levelHeading(level: RobustnessSummary["levels"][number]): string {
  return level.level === 0 ? "original" : `WER ${pct(level.wer)} (asked ${pct(level.level, 0)})`;
}

function negate(value: number | null): number | null {
  return value === null ? null : -value;
}

// How a number and its interval become pass, fail or inconclusive.
import type { CheckVerdict } from "./types.js";

export type Policy = "lower-bound" | "point";

/**
 * A limit on a rate with a 95% interval. "lower-bound": a `min` passes only when the whole interval clears
 * it, and is inconclusive when just the point estimate does; "point" looks at the point estimate alone.
 * A `max` mirrors it with the upper bound.
 */
export function decideLimit(
  observed: number,
  interval: [number, number] | undefined,
  limit: { min?: number; max?: number },
  policy: Policy,
): CheckVerdict {
  const verdicts: CheckVerdict[] = [];
  if (limit.min !== undefined) {
    if (observed < limit.min) verdicts.push("fail");
    else if (policy === "lower-bound" && interval && interval[0] < limit.min) verdicts.push("inconclusive");
    else verdicts.push("pass");
  }
  if (limit.max !== undefined) {
    if (observed > limit.max) verdicts.push("fail");
    else if (policy === "lower-bound" && interval && interval[1] > limit.max) verdicts.push("inconclusive");
    else verdicts.push("pass");
  }
  return worst(verdicts);
}

/**
 * A paired change against a tolerated drop: fail when the drop is significant (p < alpha) and larger than
 * tolerated; pass when the interval rules out a drop larger than tolerated; otherwise the sample cannot tell.
 */
export function decideDrop(
  delta: number,
  interval: [number, number],
  pValue: number,
  tolerance: number,
  alpha: number,
): CheckVerdict {
  if (pValue < alpha && delta < -tolerance) return "fail";
  if (interval[0] >= -tolerance) return "pass";
  return "inconclusive";
}

export function worst(verdicts: CheckVerdict[]): CheckVerdict {
  if (verdicts.includes("fail")) return "fail";
  if (verdicts.includes("inconclusive")) return "inconclusive";
  return "pass";
}

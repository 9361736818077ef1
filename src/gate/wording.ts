// How the gate's messages write its numbers.
import { signedPoints } from "../core/format.js";

/** A change in accuracy as signed percentage points. */
export function pts(value: number): string {
  return `${signedPoints(value)} pts`;
}

/** A bootstrap p-value moves in steps of 1/resamples: 0 means "below one step" (K steps once adjusted). */
export function bootstrapP(resamples: number, steps = 1): (pValue: number) => string {
  return (pValue) =>
    pValue === 0 ? `<${Number((steps / resamples).toPrecision(1))}` : `=${pValue.toPrecision(2)}`;
}

// How the gate's messages write its numbers.
import { signedPoints } from "../core/format.js";

/** "one-sided " before a p-value that looks only for the change a check fails on; nothing before a two-sided one. */
export function sidedNote(sides: "one-sided" | "two-sided"): string {
  return sides === "one-sided" ? "one-sided " : "";
}

/** A change in accuracy as signed percentage points. */
export function pts(value: number): string {
  return `${signedPoints(value)} pts`;
}

/** A bootstrap p-value moves in steps of 1/resamples: 0 means "below one step" (K steps once adjusted). */
export function bootstrapP(resamples: number, steps = 1): (pValue: number) => string {
  return (pValue) =>
    pValue === 0 ? `<${Number((steps / resamples).toPrecision(1))}` : `=${pValue.toPrecision(2)}`;
}

// Per-call outcomes of a model, as numbers the statistics can work with.
import type { BaselineModel } from "./types.js";

export interface FieldOutcomes {
  field: string;
  /** 1 right, 0 wrong, -1 not scored, per case. */
  values: Int8Array;
}

export function fieldOutcomes(model: BaselineModel): FieldOutcomes[] {
  return Object.entries(model.outcomes).map(([field, chars]) => {
    const values = new Int8Array(chars.length);
    for (let i = 0; i < chars.length; i++) values[i] = chars[i] === "1" ? 1 : chars[i] === "0" ? 0 : -1;
    return { field, values };
  });
}

/** Mean over fields of each field's accuracy, on the cases in `sample` (indices, repeats allowed). */
export function meanFieldAccuracy(fields: FieldOutcomes[], sample: ArrayLike<number>): number | null {
  let total = 0;
  let counted = 0;
  for (const { values } of fields) {
    let right = 0;
    let scored = 0;
    for (let k = 0; k < sample.length; k++) {
      const v = values[sample[k] ?? 0] ?? -1;
      if (v >= 0) {
        scored++;
        right += v;
      }
    }
    if (scored > 0) {
      total += right / scored;
      counted++;
    }
  }
  return counted === 0 ? null : total / counted;
}

// Holm's step-down adjustment: p-values that hold a whole family of tests to one error rate.

/**
 * Holm-adjusted p-values (Holm 1979, "A simple sequentially rejective multiple test procedure",
 * Scand. J. Statist. 6:65–70), in the order given: sort ascending, multiply the i-th smallest by
 * (K − i + 1), carry the running maximum so the order is kept, cap at 1. Rejecting every hypothesis whose
 * adjusted p is below α holds the chance of rejecting any true one to α, whatever the dependence between
 * the tests: the family-wise error rate. It never rejects less than Bonferroni (α/K for all) and rejects
 * exactly what each test alone would when K = 1.
 *
 * @example
 * holmAdjust([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  for (const [index, p] of pValues.entries()) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pValues[${index}] must be in [0, 1], got ${p}`);
  }
  const size = pValues.length;
  // Ties keep their input order, so equal p-values get equal adjusted ones either way.
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const adjusted = new Array<number>(size);
  let running = 0;
  for (const [rank, [p, index]] of order.entries()) {
    running = Math.max(running, Math.min(1, (size - rank) * p));
    adjusted[index] = running;
  }
  return adjusted;
}

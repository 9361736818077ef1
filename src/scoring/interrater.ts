// Chance-corrected agreement between human reviewers on nominal labels: Cohen's kappa and Krippendorff's alpha.

export interface CohensKappa {
  /**
   * (p_o - p_e) / (1 - p_e). Null when n is 0, and null when p_e is 1: that happens only when both raters
   * gave one and the same label to every unit, so agreement is total but chance alone predicts it, and
   * the ratio is 0 / 0. Reporting 1 there would claim reliability the data cannot show.
   */
  kappa: number | null;
  /** p_o: share of units given the same label by both raters; 0 when n is 0. */
  observed: number;
  /** p_e: agreement expected by chance from each rater's own label shares; 0 when n is 0. */
  expected: number;
  /** Units (pairs) counted. */
  n: number;
}

export interface KrippendorffAlpha {
  /**
   * Nominal alpha, 1 - D_o / D_e. Null when fewer than 2 pairable values remain, and null when every
   * pairable value is the same label (D_e = 0: nothing to disagree about, so 0 / 0, as with kappa).
   */
  alpha: number | null;
  /** Pairable values: labels in units that have at least two of them. */
  n: number;
}

export interface Grade {
  unit: string;
  rater: string;
  label: string;
}

export interface InterRater {
  /** Distinct raters among the grades. */
  raters: number;
  /** Distinct units among the grades, including those only one rater graded. */
  units: number;
  /** Present only when exactly two raters occur; counts the units both graded. */
  kappa?: CohensKappa;
  alpha: KrippendorffAlpha;
}

/** Cohen's kappa for two raters; each pair holds both raters' labels for one unit, in a fixed rater order. */
export function cohensKappa(pairs: readonly (readonly [string, string])[]): CohensKappa {
  const n = pairs.length;
  if (n === 0) return { kappa: null, observed: 0, expected: 0, n };
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agreed = 0;
  for (const [a, b] of pairs) {
    if (a === b) agreed++;
    increment(first, a, 1);
    increment(second, b, 1);
  }
  // Σ_c first(c)·second(c) = p_e·n²; staying in integers keeps the p_e = 1 test exact.
  let chance = 0;
  for (const [label, count] of first) chance += count * (second.get(label) ?? 0);
  const kappa = chance === n * n ? null : (agreed * n - chance) / (n * n - chance);
  return { kappa, observed: agreed / n, expected: chance / (n * n), n };
}

/**
 * Nominal Krippendorff's alpha by the coincidence-matrix method (Krippendorff 2011). Each inner array is
 * one unit's labels, one slot per rater; null or undefined means that rater did not rate it. Units left
 * with fewer than two labels cannot be paired and are dropped.
 */
export function krippendorffAlpha(
  units: readonly (readonly (string | null | undefined)[])[],
): KrippendorffAlpha {
  const totals = new Map<string, number>();
  let n = 0;
  // Off-diagonal mass of the coincidence matrix, Σ_{c≠k} o_ck = n·D_o.
  let disagreement = 0;
  for (const unit of units) {
    const counts = new Map<string, number>();
    let m = 0;
    for (const label of unit) {
      if (label === null || label === undefined) continue;
      increment(counts, label, 1);
      m++;
    }
    if (m < 2) continue;
    let samePairs = 0;
    for (const [label, count] of counts) {
      samePairs += count * count;
      increment(totals, label, count);
    }
    disagreement += (m * m - samePairs) / (m - 1);
    n += m;
  }
  if (n < 2) return { alpha: null, n };
  let sumSquares = 0;
  for (const count of totals.values()) sumSquares += count * count;
  // Σ_{c≠k} n_c·n_k = n(n-1)·D_e.
  const chancePairs = n * n - sumSquares;
  if (chancePairs === 0) return { alpha: null, n };
  return { alpha: 1 - ((n - 1) * disagreement) / chancePairs, n };
}

/**
 * Agreement among reviewers' grades. A rater who graded the same unit twice counts once, with the later
 * grade, since a re-grade is a correction. Kappa is only defined for two raters, so it is given only
 * when exactly two occur; alpha is always given.
 */
export function interRater(grades: readonly Grade[]): InterRater {
  const byUnit = new Map<string, Map<string, string>>();
  const raters = new Set<string>();
  for (const { unit, rater, label } of grades) {
    raters.add(rater);
    const labels = byUnit.get(unit) ?? new Map<string, string>();
    labels.set(rater, label);
    byUnit.set(unit, labels);
  }
  const alpha = krippendorffAlpha([...byUnit.values()].map((labels) => [...labels.values()]));
  const [first, second] = [...raters];
  if (raters.size !== 2 || first === undefined || second === undefined) {
    return { raters: raters.size, units: byUnit.size, alpha };
  }
  const pairs: [string, string][] = [];
  for (const labels of byUnit.values()) {
    const a = labels.get(first);
    const b = labels.get(second);
    if (a !== undefined && b !== undefined) pairs.push([a, b]);
  }
  return { raters: 2, units: byUnit.size, kappa: cohensKappa(pairs), alpha };
}

function increment(counts: Map<string, number>, label: string, by: number): void {
  counts.set(label, (counts.get(label) ?? 0) + by);
}

// The standard normal quantile function, needed for interval widths and sample sizes.

function rational(r: number, numerator: readonly number[], denominator: readonly number[]): number {
  let top = 0;
  for (const coefficient of numerator) top = top * r + coefficient;
  let bottom = 0;
  for (const coefficient of denominator) bottom = bottom * r + coefficient;
  return top / bottom;
}

// Wichura (1988), Algorithm AS 241 PPND16, coefficients highest power first.
// Written as the doubles the published 20-digit literals round to; relative accuracy about
// 1e-16, the algorithm behind R's qnorm.
const CENTRAL_NUMERATOR = [
  2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946,
  1971.5909503065513, 133.14166789178438, 3.3871328727963665,
];
const CENTRAL_DENOMINATOR = [
  5226.495278852546, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751,
  687.1870074920579, 42.31333070160091, 1,
];
const NEAR_NUMERATOR = [
  0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684, 3.6478483247632045,
  5.769497221460691, 4.630337846156546, 1.4234371107496835,
];
const NEAR_DENOMINATOR = [
  1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008, 0.6897673349851,
  1.6763848301838038, 2.053191626637759, 1,
];
const FAR_NUMERATOR = [
  2.0103343992922881e-7, 0.000027115555687434876, 0.0012426609473880784, 0.026532189526576124,
  0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103,
];
const FAR_DENOMINATOR = [
  2.0442631033899397e-15, 1.421511758316446e-7, 0.000018463183175100548, 0.0007868691311456133,
  0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1,
];

/**
 * The z with P(Z ≤ z) = p for a standard normal Z (Wichura's AS 241), e.g.
 * `normalQuantile(0.975)` ≈ 1.959963984540054. 0 and 1 give ∓Infinity.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile needs a probability in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    return q * rational(0.180625 - q * q, CENTRAL_NUMERATOR, CENTRAL_DENOMINATOR);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const tail =
    r <= 5
      ? rational(r - 1.6, NEAR_NUMERATOR, NEAR_DENOMINATOR)
      : rational(r - 5, FAR_NUMERATOR, FAR_DENOMINATOR);
  return q < 0 ? -tail : tail;
}

/**
 * P(Z ≥ z) for a standard normal Z: Hart's (1968) algorithm 5666 as given by West (2005), "Better
 * approximations to cumulative normal functions", Wilmott Magazine. Computed on the tail itself, so a small
 * tail keeps its digits (1 − Φ(z) would cancel): within 1e-8 relative of SciPy's `norm.sf` out to z = 8,
 * ample for a p-value.
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) throw new RangeError("normalUpperTail needs a number, got NaN");
  const x = Math.abs(z);
  let tail: number;
  if (x > 37) tail = 0;
  else {
    const exponential = Math.exp((-x * x) / 2);
    if (x < 7.07106781186547) {
      let top = 0.0352624965998911 * x + 0.700383064443688;
      for (const c of [
        6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931, 220.206867912376,
      ])
        top = top * x + c;
      let bottom = 0.0883883476483184 * x + 1.75566716318264;
      for (const c of [
        16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831, 793.826512519948,
        440.413735824752,
      ])
        bottom = bottom * x + c;
      tail = (exponential * top) / bottom;
    } else {
      let fraction = x + 0.65;
      for (const k of [4, 3, 2, 1]) fraction = x + k / fraction;
      tail = exponential / fraction / 2.506628274631;
    }
  }
  return z >= 0 ? tail : 1 - tail;
}

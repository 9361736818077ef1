// A field's accuracy from a judge model's verdicts on every answer, calibrated on the few that people
// graded: prediction-powered inference (PPI++), its actively sampled form, and the one-source intervals.
import { wilson } from "../../scoring/metrics.js";
import { normalQuantile } from "./normal.js";

/** An estimate of a mean in [0, 1] and its interval, the shape every function here returns. */
export interface MeanInterval {
  /** The estimated mean, in [0, 1]; null when there is too little data to estimate it. */
  estimate: number | null;
  /** Lower end of the interval, in [0, 1]. */
  lower: number;
  /** Upper end of the interval, in [0, 1]. */
  upper: number;
}

export interface PpiResult extends MeanInterval {
  /** √ of the estimator's estimated variance (before clipping); null when `estimate` is. */
  standardError: number | null;
  /** The weight λ given to the judge: 1 is classic PPI, 0 ignores the judge; null when `estimate` is. */
  lambda: number | null;
  /** Answers people graded. */
  n: number;
  /** Answers in the field, graded or not. */
  N: number;
  /**
   * Var(human grades) / standardError²: the count of human grades that alone would give the same
   * standard error (a plain mean of m has √(Var/m)). n when both are 0, Infinity when only the standard
   * error is; null when `estimate` is.
   */
  effectiveHumanGrades: number | null;
}

export interface PpiMeanInput {
  /** People's grades, 1 = pass, 0 = fail (numbers in [0, 1] are taken as partial credit). */
  human: readonly number[];
  /** The judge's verdict on the same answers, in the same order, in [0, 1]. */
  judgeOnHuman: readonly number[];
  /** The judge's verdicts on the answers nobody graded. */
  judgeOnRest: readonly number[];
  /**
   * 1 − the interval's coverage.
   * @default 0.05
   * @example { alpha: 0.1 }
   */
  alpha?: number;
  /**
   * Choose λ to minimise the variance (PPI++); false fixes λ = 1 (classic PPI).
   * @default true
   * @example { tune: false }
   */
  tune?: boolean;
}

export interface ActivePpiMeanInput {
  /** The judge's verdict on every answer in the field, in [0, 1]. */
  judge: readonly number[];
  /** The chance, in (0, 1], with which each answer was sent to people, fixed before drawing. */
  probability: readonly number[];
  /** Each answer's human grade when it was drawn, undefined when it was not. */
  human: readonly (number | undefined)[];
  /**
   * 1 − the interval's coverage.
   * @default 0.05
   */
  alpha?: number;
  /**
   * Choose λ to minimise the variance; false fixes λ = 1.
   * @default true
   */
  tune?: boolean;
}

export interface GradesForWidthInput extends PpiMeanInput {
  /**
   * The full width (upper − lower) the PPI interval should have, before clipping to [0, 1].
   * @example { width: 0.1 }
   */
  width: number;
}

/** Sample covariance, dividing by length − 1; callers pass at least two values. */
function covariance(a: readonly number[], b: readonly number[]): number {
  const meanA = mean(a);
  const meanB = mean(b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] ?? 0) - meanA) * ((b[i] ?? 0) - meanB);
  return sum / (a.length - 1);
}

const variance = (values: readonly number[]) => covariance(values, values);

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

function assertUnit(name: string, values: readonly (number | undefined)[]): void {
  for (const [i, value] of values.entries()) {
    if (value !== undefined && !(value >= 0 && value <= 1)) {
      throw new RangeError(`${name}[${i}] must be a number in [0, 1], got ${value}`);
    }
  }
}

function zFor(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return normalQuantile(1 - alpha / 2);
}

function noEstimate(n: number, N: number): PpiResult {
  return {
    estimate: null,
    lower: 0,
    upper: 1,
    standardError: null,
    lambda: null,
    n,
    N,
    effectiveHumanGrades: null,
  };
}

interface Fit {
  estimate: number;
  standardError: number;
  lambda: number;
  humanVariance: number;
  n: number;
  N: number;
}

function finish(fit: Fit, z: number): PpiResult {
  const { estimate, standardError, lambda, humanVariance, n, N } = fit;
  const half = z * standardError;
  let effectiveHumanGrades = humanVariance / standardError ** 2;
  if (standardError === 0) effectiveHumanGrades = humanVariance === 0 ? n : Number.POSITIVE_INFINITY;
  return {
    estimate: clamp(estimate),
    lower: clamp(estimate - half),
    upper: clamp(estimate + half),
    standardError,
    lambda,
    n,
    N,
    effectiveHumanGrades,
  };
}

function ppiLambda({ human, judgeOnHuman, judgeOnRest, tune = true }: PpiMeanInput): number {
  const rest = judgeOnRest.length;
  if (rest < 2) return 0;
  if (!tune) return 1;
  // PPI++ (Angelopoulos, Duchi & Zrnic 2023, §6): Var(f) over graded and ungraded answers pooled, the
  // paper's choice; both are draws from the same field.
  const judgeSpread = variance([...judgeOnHuman, ...judgeOnRest]);
  if (judgeSpread === 0) return 0;
  return clamp(covariance(human, judgeOnHuman) / ((1 + human.length / rest) * judgeSpread));
}

interface PpiComponents {
  lambda: number;
  estimate: number;
  /** λ²·Var(judgeOnRest)/N_u, the judge's share of the variance; 0 when λ is. */
  judgeTerm: number;
  /** Var(human − λ·judgeOnHuman), the grades' share times n. */
  residualVariance: number;
}

/** λ, the estimate and the two variance components of PPI++; needs n ≥ 2. */
function ppiComponents(input: PpiMeanInput): PpiComponents {
  const { human, judgeOnHuman, judgeOnRest } = input;
  const lambda = ppiLambda(input);
  const residuals = human.map((y, i) => y - lambda * (judgeOnHuman[i] ?? 0));
  // λ = 0 whenever N_u < 2, where the ungraded mean and variance are undefined.
  const judged = lambda !== 0;
  return {
    lambda,
    estimate: (judged ? lambda * mean(judgeOnRest) : 0) + mean(residuals),
    judgeTerm: judged ? (lambda ** 2 * variance(judgeOnRest)) / judgeOnRest.length : 0,
    residualVariance: variance(residuals),
  };
}

function validatePpi(input: PpiMeanInput): void {
  if (input.human.length !== input.judgeOnHuman.length) {
    throw new RangeError(
      `human (${input.human.length}) and judgeOnHuman (${input.judgeOnHuman.length}) differ in length`,
    );
  }
  assertUnit("human", input.human);
  assertUnit("judgeOnHuman", input.judgeOnHuman);
  assertUnit("judgeOnRest", input.judgeOnRest);
}

/**
 * The field's accuracy by PPI++ (Angelopoulos, Duchi & Zrnic, "PPI++: Efficient Prediction-Powered
 * Inference", 2023; Angelopoulos et al., Science 2023), from n graded answers and N_u judged only:
 *
 *   θ̂ = λ·mean(judgeOnRest) + mean(human − λ·judgeOnHuman)
 *   SE² = λ²·Var(judgeOnRest)/N_u + Var(human − λ·judgeOnHuman)/n
 *   λ̂ = Cov(human, judgeOnHuman) / ((1 + n/N_u)·Var(judgeOnHuman ∪ judgeOnRest)), clipped to [0, 1]
 *
 * Every variance and covariance is the sample one (dividing by count − 1). The interval θ̂ ± z_{1−α/2}·SE
 * is clipped to [0, 1], and so is θ̂: the accuracy lies there, so clipping only brings θ̂ closer to it.
 * Valid whatever the judge's bias: the graded answers measure it.
 *
 * Degenerate data, by rule rather than NaN:
 * - n < 2: nothing says how far off the judge is, so no estimate: null, with the interval [0, 1].
 * - N_u < 2: λ = 0 whatever `tune` (the judge adds nothing), the plain mean of the grades with a normal
 *   interval.
 * - The judge gives one verdict throughout (zero pooled variance): λ = 0 when tuning.
 * - A zero standard error gives a zero-width interval, as normal intervals do when every grade agrees;
 *   show `humanOnlyMean` beside it.
 */
export function ppiMean(input: PpiMeanInput): PpiResult {
  validatePpi(input);
  const z = zFor(input.alpha ?? 0.05);
  const n = input.human.length;
  const rest = input.judgeOnRest.length;
  if (n < 2) return noEstimate(n, n + rest);
  const { lambda, estimate, judgeTerm, residualVariance } = ppiComponents(input);
  const standardError = Math.sqrt(judgeTerm + residualVariance / n);
  return finish({ estimate, standardError, lambda, humanVariance: variance(input.human), n, N: n + rest }, z);
}

/**
 * The field's accuracy by active statistical inference (Zrnic & Candès, "Active Statistical Inference",
 * ICML 2024): each of the N answers went to people with a known probability π_i, and ξ_i = 1 if it did.
 *
 *   θ̂ = mean over all N of T_i,  T_i = λ·f_i + (Y_i − λ·f_i)·ξ_i/π_i
 *   SE = sample standard deviation of the T_i / √N
 *
 * T_i = A_i + λ·B_i with A_i = Y_i·ξ_i/π_i and B_i = f_i·(1 − ξ_i/π_i), so the λ minimising the sample
 * variance of the T_i is −Cov(A, B)/Var(B) = Cov(Yξ/π, f·(ξ/π − 1)) / Var(f·(ξ/π − 1)), clipped to
 * [0, 1]; 0 when Var(B) = 0 (every π is 1, say). With `tune: false`, λ = 1.
 * Interval and clipping as in `ppiMean`; fewer than two grades gives a null estimate and [0, 1].
 * effectiveHumanGrades divides the sample variance of the grades collected, unweighted.
 */
export function activePpiMean(input: ActivePpiMeanInput): PpiResult {
  const { judge, probability, human, tune = true } = input;
  const N = judge.length;
  if (probability.length !== N || human.length !== N) {
    throw new RangeError(
      `judge (${N}), probability (${probability.length}) and human (${human.length}) differ in length`,
    );
  }
  assertUnit("judge", judge);
  assertUnit("human", human);
  for (const [i, p] of probability.entries()) {
    if (!(p > 0 && p <= 1)) throw new RangeError(`probability[${i}] must be in (0, 1], got ${p}`);
  }
  const z = zFor(input.alpha ?? 0.05);
  const grades = human.filter((y): y is number => y !== undefined);
  if (grades.length < 2) return noEstimate(grades.length, N);
  // ξ_i/π_i: 1/π_i for a graded answer, 0 otherwise.
  const inverse = human.map((y, i) => (y === undefined ? 0 : 1 / (probability[i] ?? 1)));
  const a = human.map((y, i) => (y ?? 0) * (inverse[i] ?? 0));
  const b = judge.map((f, i) => f * (1 - (inverse[i] ?? 0)));
  let lambda = 1;
  if (tune) {
    const spread = variance(b);
    lambda = spread > 0 ? clamp(-covariance(a, b) / spread) : 0;
  }
  const terms = a.map((value, i) => value + lambda * (b[i] ?? 0));
  const standardError = Math.sqrt(variance(terms) / N);
  return finish(
    { estimate: mean(terms), standardError, lambda, humanVariance: variance(grades), n: grades.length, N },
    z,
  );
}

/** Wilson for 0/1 values, else mean ± z·s/√n (s from count − 1); null and [0, 1] when empty. */
function oneSourceInterval(values: readonly number[], alpha: number): MeanInterval {
  const z = zFor(alpha);
  const n = values.length;
  if (n === 0) return { estimate: null, lower: 0, upper: 1 };
  const estimate = mean(values);
  if (values.every((v) => v === 0 || v === 1)) {
    const [lower, upper] = wilson(values.filter((v) => v === 1).length, n, z);
    return { estimate, lower, upper };
  }
  if (n < 2) return { estimate, lower: 0, upper: 1 };
  const half = z * Math.sqrt(variance(values) / n);
  return { estimate, lower: clamp(estimate - half), upper: clamp(estimate + half) };
}

/**
 * Accuracy from people's grades alone, ignoring the judge: Wilson's interval for 0/1 grades (a normal
 * interval for partial credit). Null estimate and [0, 1] with no grades.
 */
export function humanOnlyMean(human: readonly number[], alpha = 0.05): MeanInterval {
  assertUnit("human", human);
  return oneSourceInterval(human, alpha);
}

/**
 * Accuracy as the judge sees it on every answer, trusting it blindly: Wilson's interval for 0/1 verdicts.
 * It is as biased as the judge; shown to make the judge's bias visible beside `ppiMean`.
 */
export function judgeOnlyMean(judgeAll: readonly number[], alpha = 0.05): MeanInterval {
  assertUnit("judgeAll", judgeAll);
  return oneSourceInterval(judgeAll, alpha);
}

/**
 * The number of human grades in all, n′, that would make the PPI interval `width` wide, holding λ,
 * σ_f² = Var(judgeOnRest) and σ_r² = Var(human − λ·judgeOnHuman) at their current estimates:
 *
 *   2·z·√(λ²·σ_f²/N_u + σ_r²/n′) = width  ⇒  n′ = ⌈σ_r² / ((width/2z)² − λ²·σ_f²/N_u)⌉
 *
 * N_u stays at its current size too. Grading more of the same field shrinks it, so when n′ is well above
 * n and a large share of N, read the answer as a lower bound. Never below 2, the fewest `ppiMean`
 * estimates from; an answer ≤ n means the grades in hand already suffice. Infinity when the judge's term
 * alone is that wide (no n′ reaches it); null with fewer than two grades, where σ_r² is unknown.
 */
export function gradesForWidth(input: GradesForWidthInput): number | null {
  validatePpi(input);
  const { width } = input;
  if (!(width > 0 && Number.isFinite(width))) throw new RangeError(`width must be positive, got ${width}`);
  const z = zFor(input.alpha ?? 0.05);
  if (input.human.length < 2) return null;
  const { judgeTerm, residualVariance } = ppiComponents(input);
  const room = (width / (2 * z)) ** 2 - judgeTerm;
  if (room <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(2, Math.ceil(residualVariance / room));
}

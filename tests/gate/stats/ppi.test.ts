// A field's accuracy from a lenient judge calibrated on a few human grades: PPI++ and active inference
// cover the truth where the judge alone does not; checked against an independent NumPy implementation.
import { describe, expect, it } from "vitest";
import {
  activePpiMean,
  gradesForWidth,
  humanOnlyMean,
  judgeOnlyMean,
  normalQuantile,
  type PpiResult,
  ppiMean,
  seededRandom,
} from "../../../src/gate/stats/index.js";
import { wilson } from "../../../src/scoring/metrics.js";

const REPETITIONS = 1000;
const FIELD = 1000;
const GRADED = 100;
const ACCURACY = 0.7;

interface Field {
  truth: number[];
  judge: number[];
  /** A second, noisy signal of whether the judge is right: low where it is wrong. */
  confidence: number[];
}

/**
 * Each answer is right with chance 0.70. The judge passes every right answer and each wrong one with
 * chance 1/2, independently, so it passes 0.70 + 0.30 × 0.5 = 85% (15 points too lenient) and is not a
 * function of the truth. Its confidence is uniform on [0.3, 1] where its verdict is right and on [0, 0.7]
 * where it is wrong. The truth a method must cover is the field's own accuracy, the share right of `size`.
 */
function drawField(random: () => number, size: number): Field {
  const truth: number[] = [];
  const judge: number[] = [];
  const confidence: number[] = [];
  for (let i = 0; i < size; i++) {
    const right = random() < ACCURACY ? 1 : 0;
    const pass = right === 1 || random() < 0.5 ? 1 : 0;
    truth.push(right);
    judge.push(pass);
    confidence.push(pass === right ? 0.3 + 0.7 * random() : 0.7 * random());
  }
  return { truth, judge, confidence };
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** The field split into `count` answers drawn uniformly without replacement for people, and the rest. */
function gradeUniformly(random: () => number, field: Field, count: number) {
  const order = field.truth.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const graded = order.slice(0, count);
  return {
    graded,
    human: graded.map((i) => field.truth[i] ?? 0),
    judgeOnHuman: graded.map((i) => field.judge[i] ?? 0),
    judgeOnRest: order.slice(count).map((i) => field.judge[i] ?? 0),
  };
}

const covers = (r: { lower: number; upper: number }, truth: number) => r.lower <= truth && truth <= r.upper;

describe("PPI++ with a judge 15 points too lenient, 100 of 1,000 answers graded", () => {
  it("covers the field's accuracy at 95%, unlike the judge alone, and is narrower than Wilson", () => {
    const random = seededRandom(2023);
    let ppiCovered = 0;
    let judgeCovered = 0;
    let ppiWidth = 0;
    let humanWidth = 0;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      const field = drawField(random, FIELD);
      const truth = mean(field.truth);
      const split = gradeUniformly(random, field, GRADED);
      const ppi = ppiMean(split);
      const human = humanOnlyMean(split.human);
      if (covers(ppi, truth)) ppiCovered++;
      if (covers(judgeOnlyMean(field.judge), truth)) judgeCovered++;
      ppiWidth += ppi.upper - ppi.lower;
      humanWidth += human.upper - human.lower;
    }
    expect(ppiCovered / REPETITIONS).toBeGreaterThanOrEqual(0.93);
    expect(judgeCovered / REPETITIONS).toBeLessThan(0.5);
    expect(ppiWidth / REPETITIONS).toBeLessThan(humanWidth / REPETITIONS);
  });

  it("sampled actively, more often where the judge's confidence is low, still covers at 95%", () => {
    const random = seededRandom(2024);
    let covered = 0;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      const field = drawField(random, FIELD);
      // Weight 1.2 − confidence, scaled so the expected number of grades is 100 (no π reaches 1 here).
      const weights = field.confidence.map((c) => 1.2 - c);
      const total = weights.reduce((sum, w) => sum + w, 0);
      const probability = weights.map((w) => (GRADED * w) / total);
      const human = field.truth.map((y, i) => (random() < (probability[i] ?? 0) ? y : undefined));
      if (covers(activePpiMean({ judge: field.judge, probability, human }), mean(field.truth))) covered++;
    }
    expect(covered / REPETITIONS).toBeGreaterThanOrEqual(0.93);
  });

  it("sampled actively with a uniform chance n/N, agrees with PPI++ on the same grades", () => {
    const random = seededRandom(7);
    const field = drawField(random, 20_000);
    const { graded, ...split } = gradeUniformly(random, field, 2000);
    const sampled = new Set(graded);
    const human = field.truth.map((y, i) => (sampled.has(i) ? y : undefined));
    const probability = field.truth.map(() => 0.1);
    const ppi = ppiMean(split);
    const active = activePpiMean({ judge: field.judge, probability, human });
    expect(Math.abs((active.estimate ?? 0) - (ppi.estimate ?? 1))).toBeLessThan(0.01);
    expect((active.standardError ?? 0) / (ppi.standardError ?? 1)).toBeGreaterThan(0.9);
    expect((active.standardError ?? 0) / (ppi.standardError ?? 1)).toBeLessThan(1.1);
    expect(Math.abs((active.lambda ?? 0) - (ppi.lambda ?? 1))).toBeLessThan(0.1);
  });
});

/*
 * Reference: tests/reference/ppi_reference.py, the same published formulas written independently with
 * NumPy (np.cov and np.var with ddof=1; the active λ as Cov(Yξ/π, f·(ξ/π − 1)) / Var(f·(ξ/π − 1));
 * statistics.NormalDist for z). Every number below was printed, one line per case under the case's name,
 * by `python3 tests/reference/ppi_reference.py` (Python 3.11.7, NumPy 2.4.6; /usr/bin/python3 here has no
 * NumPy). The datasets are written out identically there.
 */
const A = {
  human: [1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0],
  judgeOnHuman: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0],
  judgeOnRest: [1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1],
};
const C = {
  human: [1, 0, 1, 1, 0, 1, 1, 0, 1, 1],
  judgeOnHuman: [0.72, 0.55, 0.81, 0.46, 0.68, 0.97, 0.54, 0.32, 0.88, 0.39],
  judgeOnRest: [
    0.71, 0.44, 0.93, 0.28, 0.85, 0.67, 0.91, 0.52, 0.38, 0.77, 0.95, 0.61, 0.83, 0.19, 0.72, 0.88, 0.46,
    0.99, 0.64, 0.57, 0.81, 0.33, 0.76, 0.9, 0.69,
  ],
};
const D = {
  human: [1, 1, 0, 0, 1, 1, 0, 1],
  judgeOnHuman: [0, 0, 1, 1, 0, 1, 1, 0],
  judgeOnRest: [1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1],
};
const E = {
  human: [1, 0, 1, 1, 0, 1, 0, 1, 1, 0],
  judgeOnHuman: [0.6, 0.45, 0.58, 0.62, 0.4, 0.55, 0.42, 0.61, 0.57, 0.47],
  judgeOnRest: [
    0.5, 0.44, 0.61, 0.58, 0.41, 0.6, 0.52, 0.47, 0.55, 0.62, 0.43, 0.59, 0.48, 0.56, 0.51, 0.45, 0.6, 0.53,
    0.49, 0.57,
  ],
};
const _ = undefined;
const F = {
  judge: [1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1],
  probability: [
    0.3, 0.5, 0.8, 0.2, 0.4, 0.6, 0.9, 0.25, 0.35, 0.7, 0.45, 0.3, 0.5, 0.85, 0.2, 0.55, 0.4, 0.3, 0.75, 0.5,
  ],
  // One answer in two sampled; `_` marks one nobody graded.
  human: [1, _, 0, _, 0, 1, 0, _, _, 1, _, _, 1, 0, _, 1, _, _, 1, _],
};

const KEYS = [
  "estimate",
  "lower",
  "upper",
  "standardError",
  "lambda",
  "effectiveHumanGrades",
  "n",
  "N",
] as const;

/** `expected` lists the reference's numbers in the order of KEYS; each must match to 1e-9. */
function expectMatches(actual: PpiResult, expected: readonly number[]): void {
  for (const [i, key] of KEYS.entries()) {
    expect(Math.abs((actual[key] ?? Number.NaN) - (expected[i] ?? Number.NaN)), key).toBeLessThan(1e-9);
  }
}

describe("PPI++ and active inference against the NumPy reference", () => {
  it.each([
    {
      name: "A tuned (0/1 verdicts, λ inside (0, 1))",
      result: () => ppiMean(A),
      expected: [
        0.6666666666666667, 0.4318173879215886, 0.901515945411745, 0.11982326236478802, 0.6085343228200373,
        16.884716289498826, 12, 42,
      ],
    },
    {
      name: "A classic (tune: false, λ = 1)",
      result: () => ppiMean({ ...A, tune: false }),
      expected: [
        0.6666666666666667, 0.4080142759471794, 0.925319057386154, 0.13196793041081598, 1, 13.920000000000002,
        12, 42,
      ],
    },
    {
      name: "C scores alpha 0.1 (judge scores in [0, 1])",
      result: () => ppiMean({ ...C, alpha: 0.1 }),
      expected: [
        0.7224253263182704, 0.4833784266308503, 0.9614722260056905, 0.14533019581229445, 0.5662961191482413,
        11.047526904384274, 10, 35,
      ],
    },
    {
      name: "D judge backwards (λ clipped to 0)",
      result: () => ppiMean(D),
      expected: [0.625, 0.266363313345787, 0.983636686654213, 0.18298126367784998, 0, 8, 8, 20],
    },
    {
      name: "E narrow scores (λ clipped to 1)",
      result: () => ppiMean(E),
      expected: [
        0.5985, 0.32551100286943235, 0.8714889971305677, 0.1392826599283814, 1, 13.745945831477872, 10, 30,
      ],
    },
    {
      name: "F active tuned",
      result: () => activePpiMean(F),
      expected: [
        0.7186159264182796, 0.44685859769708514, 0.9903732551394742, 0.13865424613145022, 0.7583839859523251,
        13.870827936483584, 10, 20,
      ],
    },
    {
      name: "F active classic alpha 0.1 (upper end clipped to 1)",
      result: () => activePpiMean({ ...F, alpha: 0.1, tune: false }),
      expected: [
        0.7630952380952382, 0.5182165448962053, 1, 0.1488756745199782, 1, 12.031540794039158, 10, 20,
      ],
    },
  ])("$name", ({ result, expected }) => {
    expectMatches(result(), expected);
  });

  it.each([
    { name: "A width 0.3", input: { ...A, width: 0.3 }, expected: 37 },
    { name: "A width 0.15", input: { ...A, width: 0.15 }, expected: Number.POSITIVE_INFINITY },
    { name: "A classic width 0.4", input: { ...A, width: 0.4, tune: false }, expected: 27 },
    { name: "C width 0.2 alpha 0.1", input: { ...C, width: 0.2, alpha: 0.1 }, expected: 68 },
  ])("grades for a target width: $name", ({ input, expected }) => {
    expect(gradesForWidth(input)).toBe(expected);
  });
});

const Z = normalQuantile(0.975);

describe("degenerate data gives a stated answer, never NaN", () => {
  it("fewer than two human grades: no estimate, the interval [0, 1]", () => {
    for (const human of [[], [1]]) {
      const result = ppiMean({ human, judgeOnHuman: human, judgeOnRest: [1, 0, 1] });
      expect(result).toEqual({
        estimate: null,
        lower: 0,
        upper: 1,
        standardError: null,
        lambda: null,
        n: human.length,
        N: human.length + 3,
        effectiveHumanGrades: null,
      });
    }
    const active = activePpiMean({
      judge: [1, 1, 0],
      probability: [0.5, 0.5, 0.5],
      human: [1, undefined, undefined],
    });
    expect(active).toMatchObject({ estimate: null, lower: 0, upper: 1, n: 1, N: 3 });
  });

  it("under two ungraded answers: λ = 0 even untuned, the grades' mean with a normal interval", () => {
    const human = [1, 1, 0, 1];
    const sd = Math.sqrt(0.25);
    for (const judgeOnRest of [[], [1]]) {
      const result = ppiMean({ human, judgeOnHuman: [1, 1, 1, 1], judgeOnRest, tune: false });
      expect(result.lambda).toBe(0);
      expect(result.estimate).toBe(0.75);
      expect(result.standardError).toBeCloseTo(sd / 2, 12);
      expect(result.upper).toBeCloseTo(Math.min(1, 0.75 + (Z * sd) / 2), 12);
      expect(result.effectiveHumanGrades).toBeCloseTo(4, 12);
    }
  });

  it("a judge that passes everything gets λ = 0 when tuned; untuned it still gives a number", () => {
    const data = { human: [1, 0, 1, 1, 0], judgeOnHuman: [1, 1, 1, 1, 1], judgeOnRest: [1, 1, 1, 1] };
    expect(ppiMean(data).lambda).toBe(0);
    expect(ppiMean(data).estimate).toBeCloseTo(0.6, 12);
    const classic = ppiMean({ ...data, tune: false });
    expect(classic.lambda).toBe(1);
    expect(classic.estimate).toBeCloseTo(0.6, 12);
    expect(Number.isFinite(classic.standardError)).toBe(true);
  });

  it("zero standard error: zero-width interval; effective grades n, Infinity if grades vary", () => {
    const agreed = ppiMean({ human: [1, 1, 1], judgeOnHuman: [1, 1, 1], judgeOnRest: [1, 1] });
    expect(agreed).toMatchObject({
      estimate: 1,
      lower: 1,
      upper: 1,
      standardError: 0,
      effectiveHumanGrades: 3,
    });
    const perfect = ppiMean({ human: [1, 0, 1], judgeOnHuman: [1, 0, 1], judgeOnRest: [1, 1], tune: false });
    expect(perfect).toMatchObject({ estimate: 1, lower: 1, upper: 1, standardError: 0 });
    expect(perfect.effectiveHumanGrades).toBe(Number.POSITIVE_INFINITY);
  });

  it("an estimate below 0 is clipped with its interval, and stays inside it", () => {
    // λ = 1: mean(judgeOnRest) + mean(human − judgeOnHuman) = 0.25 − 0.5 = −0.25.
    const result = ppiMean({
      human: [0, 0, 0, 0],
      judgeOnHuman: [1, 1, 0, 0],
      judgeOnRest: [0, 0, 0, 1],
      tune: false,
    });
    const standardError = Math.sqrt(0.25 / 4 + 1 / 3 / 4);
    expect(result.standardError).toBeCloseTo(standardError, 12);
    expect(result).toMatchObject({ estimate: 0, lower: 0 });
    expect(result.upper).toBeCloseTo(-0.25 + Z * standardError, 12);
  });

  it("actively sampled with certainty everywhere: λ = 0, the plain mean of the grades", () => {
    const human = [1, 0, 1, 1, 1];
    const result = activePpiMean({ judge: [1, 1, 1, 0, 1], probability: [1, 1, 1, 1, 1], human });
    expect(result.lambda).toBe(0);
    expect(result.estimate).toBeCloseTo(0.8, 12);
    expect(result.standardError).toBeCloseTo(Math.sqrt(0.2 / 5), 12);
  });

  it("grades for a width: null under two grades, plain-mean count with nothing ungraded, at least 2", () => {
    expect(gradesForWidth({ human: [1], judgeOnHuman: [1], judgeOnRest: [1, 0], width: 0.1 })).toBeNull();
    // Var([1, 1, 0, 1]) = 0.25, so n′ = ⌈0.25·(2z/0.1)²⌉ = ⌈384.1⌉.
    const human = [1, 1, 0, 1];
    expect(gradesForWidth({ human, judgeOnHuman: human, judgeOnRest: [], width: 0.1 })).toBe(
      Math.ceil(0.25 * ((2 * Z) / 0.1) ** 2),
    );
    expect(gradesForWidth({ human: [1, 1], judgeOnHuman: [1, 1], judgeOnRest: [1, 1], width: 0.5 })).toBe(2);
  });
});

describe("the one-source intervals shown beside PPI", () => {
  it("0/1 grades and verdicts get Wilson's interval at the same z", () => {
    const grades = [1, 1, 0, 1, 0, 1, 1, 1];
    const [lower, upper] = wilson(6, 8, Z);
    expect(humanOnlyMean(grades)).toEqual({ estimate: 0.75, lower, upper });
    expect(judgeOnlyMean(grades)).toEqual({ estimate: 0.75, lower, upper });
    const [lower90, upper90] = wilson(6, 8, normalQuantile(0.95));
    expect(humanOnlyMean(grades, 0.1)).toEqual({ estimate: 0.75, lower: lower90, upper: upper90 });
  });

  it("scores in between get a normal interval; nothing gives no estimate and [0, 1]", () => {
    const result = judgeOnlyMean([0.2, 0.6, 0.4]);
    expect(result.estimate).toBeCloseTo(0.4, 12);
    expect(result.lower).toBeCloseTo(0.4 - Z * Math.sqrt(0.04 / 3), 12);
    expect(humanOnlyMean([])).toEqual({ estimate: null, lower: 0, upper: 1 });
    expect(judgeOnlyMean([0.5])).toEqual({ estimate: 0.5, lower: 0, upper: 1 });
  });
});

describe("inputs that cannot be right are refused", () => {
  it.each([
    [
      "grades and verdicts of different lengths",
      () => ppiMean({ human: [1, 0], judgeOnHuman: [1], judgeOnRest: [] }),
    ],
    ["a grade outside [0, 1]", () => ppiMean({ human: [1, 2], judgeOnHuman: [1, 1], judgeOnRest: [] })],
    ["a NaN verdict", () => judgeOnlyMean([Number.NaN])],
    ["alpha of 0", () => ppiMean({ ...A, alpha: 0 })],
    ["a sampling chance of 0", () => activePpiMean({ judge: [1], probability: [0], human: [undefined] })],
    ["arrays of different lengths", () => activePpiMean({ judge: [1, 0], probability: [1], human: [1] })],
    ["a width of 0", () => gradesForWidth({ ...A, width: 0 })],
  ])("%s throws a RangeError", (_, call) => {
    expect(call).toThrow(RangeError);
  });
});

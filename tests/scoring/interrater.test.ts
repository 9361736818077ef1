import { describe, expect, it } from "vitest";
import { cohensKappa, interRater, krippendorffAlpha } from "../../src/scoring/interrater.js";

type Label = string | null;

/** Published tables list one row per observer; alpha takes one row per unit. */
function byUnit(observers: Label[][]): Label[][] {
  const width = Math.max(...observers.map((row) => row.length));
  return Array.from({ length: width }, (_, unit) => observers.map((row) => row[unit] ?? null));
}

/** Rebuilds pairs from a contingency table: rows are rater 1's labels, columns rater 2's. */
function pairsFrom(labels: string[], table: number[][]): [string, string][] {
  return table.flatMap((row, i) =>
    row.flatMap((count, j) =>
      Array.from({ length: count }, (): [string, string] => [labels[i] ?? "", labels[j] ?? ""]),
    ),
  );
}

const _ = null;

describe("cohensKappa", () => {
  it("matches the Wikipedia 2×2 example: p_o 0.7, p_e 0.5, kappa 0.4", () => {
    // Wikipedia, "Cohen's kappa", simple example: 50 proposals; yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    // p_o = (20 + 15) / 50 = 0.7. Rater A says yes 25/50 = 0.5, B says yes 30/50 = 0.6,
    // p_e = 0.5·0.6 + 0.5·0.4 = 0.5, kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    const result = cohensKappa(
      pairsFrom(
        ["yes", "no"],
        [
          [20, 5],
          [10, 15],
        ],
      ),
    );
    expect(result.n).toBe(50);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it("matches a hand-computed 3-category table: kappa 0.6", () => {
    // 30 units, rows rater 1, columns rater 2:
    //            pass partial fail | row
    //   pass       8     2      0  |  10
    //   partial    1     6      3  |  10
    //   fail       1     1      8  |  10
    //   column    10     9     11
    // p_o = (8 + 6 + 8) / 30 = 22/30. p_e = (10·10 + 10·9 + 10·11) / 30² = 300/900 = 1/3.
    // kappa = (22/30 - 10/30) / (20/30) = 12/20 = 0.6.
    const result = cohensKappa(
      pairsFrom(
        ["pass", "partial", "fail"],
        [
          [8, 2, 0],
          [1, 6, 3],
          [1, 1, 8],
        ],
      ),
    );
    expect(result.n).toBe(30);
    expect(result.observed).toBeCloseTo(22 / 30, 12);
    expect(result.expected).toBeCloseTo(1 / 3, 12);
    expect(result.kappa).toBeCloseTo(0.6, 12);
  });

  it("is 1 when two raters agree on every unit across several labels", () => {
    const result = cohensKappa([
      ["a", "a"],
      ["b", "b"],
      ["c", "c"],
      ["a", "a"],
    ]);
    expect(result).toEqual({ kappa: 1, observed: 1, expected: 0.375, n: 4 });
  });

  it("goes negative when raters disagree more than chance", () => {
    // p_o = 0, p_e = 0.5·0.5 + 0.5·0.5 = 0.5, kappa = -0.5 / 0.5 = -1.
    expect(
      cohensKappa([
        ["a", "b"],
        ["b", "a"],
      ]).kappa,
    ).toBe(-1);
  });

  it("is null with no units", () => {
    expect(cohensKappa([])).toEqual({ kappa: null, observed: 0, expected: 0, n: 0 });
  });

  it("is null, not 1, when both raters used one and the same label throughout", () => {
    // p_o = p_e = 1, so kappa is 0/0: chance alone explains the agreement.
    expect(
      cohensKappa([
        ["ok", "ok"],
        ["ok", "ok"],
        ["ok", "ok"],
      ]),
    ).toEqual({ kappa: null, observed: 1, expected: 1, n: 3 });
  });

  it("is 0, not null, when each rater sticks to a different single label", () => {
    // p_o = 0 and p_e = 0: defined, and no better than chance.
    expect(
      cohensKappa([
        ["ok", "bad"],
        ["ok", "bad"],
      ]).kappa,
    ).toBe(0);
  });
});

describe("krippendorffAlpha", () => {
  it("matches Krippendorff (2011)'s 4-observer, 12-unit nominal example with missing data: 0.743", () => {
    // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, section C (nominal data, any
    // number of observers, missing data). https://repository.upenn.edu/asc_papers/43
    // Matrix as reproduced in the `krippendorff` Python package's tests (pln-fing-udelar/fast-krippendorff,
    // tests/test_krippendorff.py), whose doctest cites the paper for nominal alpha 0.743.
    // Unit 12 has one value (B's 3), so it is dropped: 3 + 8·4 + 3 + 2 = 40 pairable values.
    const observers: Label[][] = [
      ["1", "2", "3", "3", "2", "1", "4", "1", "2", _, _, _], // A
      ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", _, "3"], // B
      [_, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", _], // C
      ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", _], // D
    ];
    const result = krippendorffAlpha(byUnit(observers));
    expect(result.n).toBe(40);
    expect(result.alpha).toBeCloseTo(0.743, 3);
  });

  it("matches Krippendorff's binary two-observer example: 0.095", () => {
    // Krippendorff, K. (2004). Content Analysis, 2nd ed., section 11.3.1, p. 224. The 2011 paper's binary
    // example also reports 0.095, but its table could not be checked against a source, so this uses 2004's.
    // Data as transcribed in jucor/krippendorff, data-raw/krippendorff2004.binary.two.observers.csv,
    // whose tests expect 0.095. By hand: alpha = 1 - (n - 1)·o_01 / (n_0·n_1) = 1 - 19·4 / (14·6) = 0.0952.
    const observers: Label[][] = [
      ["1", "1", "0", "0", "0", "0", "0", "0", "0", "0"], // Jon
      ["0", "1", "1", "0", "0", "1", "0", "1", "0", "0"], // Han
    ];
    const result = krippendorffAlpha(byUnit(observers));
    expect(result.n).toBe(20);
    expect(result.alpha).toBeCloseTo(1 - 76 / 84, 12);
    expect(result.alpha).toBeCloseTo(0.095, 3);
  });

  it("matches Wikipedia's 3-coder, 15-unit computational example: 0.691", () => {
    // Wikipedia, "Krippendorff's alpha", A computational example; the `krippendorff` Python package's
    // tests assert 0.691358 for the same data (test_nominal_metric_reliability_data).
    const observers: Label[][] = [
      [_, _, _, _, _, "3", "4", "1", "2", "1", "1", "3", "3", _, "3"],
      ["1", _, "2", "1", "3", "3", "4", "3", _, _, _, _, _, _, _],
      [_, _, "2", "1", "3", "4", "4", _, "2", "1", "1", "3", "3", _, "4"],
    ];
    expect(krippendorffAlpha(byUnit(observers)).alpha).toBeCloseTo(0.691358, 6);
  });

  it("treats labels as opaque strings, as the reference package does", () => {
    // `krippendorff` Python package, test_string_labels_nominal: 0.722222.
    const observers: Label[][] = [
      ["pos", "neg", "neu", _],
      ["pos", "neg", "neu", "pos"],
      ["pos", "neg", "pos", "pos"],
    ];
    expect(krippendorffAlpha(byUnit(observers)).alpha).toBeCloseTo(0.722222, 6);
  });

  it("is 1 when every rater agrees on every unit across several labels", () => {
    expect(
      krippendorffAlpha([
        ["a", "a", "a"],
        ["b", "b", "b"],
        ["c", "c", null],
      ]),
    ).toEqual({ alpha: 1, n: 8 });
  });

  it("is null with no units", () => {
    expect(krippendorffAlpha([])).toEqual({ alpha: null, n: 0 });
  });

  it("is null when every pairable value is the same label", () => {
    expect(
      krippendorffAlpha([
        ["ok", "ok"],
        ["ok", "ok", "ok"],
      ]),
    ).toEqual({ alpha: null, n: 5 });
  });

  it("drops units that fewer than two raters labelled, whether null or undefined marks the gap", () => {
    const withLoners = krippendorffAlpha([
      ["a", "a"],
      ["a", "b"],
      ["b", "b"],
      ["c", null, undefined],
      [null, null],
      [],
    ]);
    const without = krippendorffAlpha([
      ["a", "a"],
      ["a", "b"],
      ["b", "b"],
    ]);
    expect(withLoners).toEqual(without);
    expect(without.n).toBe(6);
  });

  it("is null when no unit has two labels to pair", () => {
    expect(krippendorffAlpha([["a", null], [undefined, "b"], ["c"]])).toEqual({ alpha: null, n: 0 });
  });
});

describe("interRater", () => {
  const grade = (unit: string, rater: string, label: string) => ({ unit, rater, label });

  it("gives kappa over shared units and alpha over all when exactly two raters graded", () => {
    // Krippendorff (2004)'s binary data again (see above) as grades, plus a unit only Jon graded.
    // Kappa by hand: p_o = 6/10; Jon says 1 on 2/10, Han on 4/10, so p_e = 0.2·0.4 + 0.8·0.6 = 0.56,
    // kappa = (0.6 - 0.56) / (1 - 0.56) = 1/11.
    const jon = ["1", "1", "0", "0", "0", "0", "0", "0", "0", "0"];
    const han = ["0", "1", "1", "0", "0", "1", "0", "1", "0", "0"];
    const grades = [
      ...jon.map((label, i) => grade(`u${i + 1}`, "Jon", label)),
      ...han.map((label, i) => grade(`u${i + 1}`, "Han", label)),
      grade("u11", "Jon", "1"),
    ];
    const result = interRater(grades);
    expect(result.raters).toBe(2);
    expect(result.units).toBe(11);
    expect(result.kappa?.n).toBe(10);
    expect(result.kappa?.observed).toBeCloseTo(0.6, 12);
    expect(result.kappa?.expected).toBeCloseTo(0.56, 12);
    expect(result.kappa?.kappa).toBeCloseTo(1 / 11, 12);
    expect(result.alpha.n).toBe(20);
    expect(result.alpha.alpha).toBeCloseTo(0.095, 3);
  });

  it("leaves kappa out when more than two raters graded", () => {
    const result = interRater([grade("u1", "a", "x"), grade("u1", "b", "x"), grade("u2", "c", "y")]);
    expect(result).toEqual({ raters: 3, units: 2, alpha: { alpha: null, n: 2 } });
    expect("kappa" in result).toBe(false);
  });

  it("matches the 4-observer reference alpha when fed as grades", () => {
    const observers: Label[][] = [
      ["1", "2", "3", "3", "2", "1", "4", "1", "2", _, _, _],
      ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", _, "3"],
      [_, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", _],
      ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", _],
    ];
    const grades = observers.flatMap((row, r) =>
      row.flatMap((label, u) => (label === null ? [] : [grade(`unit ${u + 1}`, `observer ${r}`, label)])),
    );
    const result = interRater(grades);
    expect(result.raters).toBe(4);
    expect(result.units).toBe(12);
    expect(result.kappa).toBeUndefined();
    expect(result.alpha.alpha).toBeCloseTo(0.743, 3);
  });

  it("counts a rater's re-grade of a unit once, keeping the later label", () => {
    const result = interRater([
      grade("u1", "a", "x"),
      grade("u1", "b", "y"),
      grade("u1", "b", "x"),
      grade("u2", "a", "y"),
      grade("u2", "b", "y"),
    ]);
    expect(result.kappa).toEqual({ kappa: 1, observed: 1, expected: 0.5, n: 2 });
    expect(result.alpha).toEqual({ alpha: 1, n: 4 });
  });

  it("reports nothing to agree on when there are no grades", () => {
    expect(interRater([])).toEqual({ raters: 0, units: 0, alpha: { alpha: null, n: 0 } });
  });

  it("gives a kappa of no units when two raters never graded the same unit", () => {
    const result = interRater([grade("u1", "a", "x"), grade("u2", "b", "y")]);
    expect(result.kappa).toEqual({ kappa: null, observed: 0, expected: 0, n: 0 });
    expect(result.alpha).toEqual({ alpha: null, n: 0 });
  });
});

import { describe, expect, it } from "vitest";
import {
  align,
  charErrors,
  type ErrorCounts,
  errorRate,
  NORMALISATION_VERSION,
  sumCounts,
  wordErrors,
} from "../../src/asr/index.js";

const counts = (partial: Partial<ErrorCounts>): ErrorCounts => ({
  ref: 0,
  hyp: 0,
  correct: 0,
  sub: 0,
  del: 0,
  ins: 0,
  ...partial,
});

describe("word errors", () => {
  it("a misheard number is one substitution", () => {
    // call=call me=me at=at five=five thirty→fifty: C=4 S=1, WER = 1/5 = 0.2.
    const result = wordErrors("call me at five thirty", "call me at five fifty");
    expect(result).toEqual(counts({ ref: 5, hyp: 5, correct: 4, sub: 1 }));
    expect(errorRate(result)).toBe(0.2);
  });

  it("a dropped word is one deletion", () => {
    // "me" missing: C=3 D=1, WER = 1/4 = 0.25.
    const result = wordErrors("please call me back", "please call back");
    expect(result).toEqual(counts({ ref: 4, hyp: 3, correct: 3, del: 1 }));
    expect(errorRate(result)).toBe(0.25);
  });

  it("an extra word is one insertion", () => {
    // "now" added: C=2 I=1, WER = 1/2 = 0.5.
    const result = wordErrors("call me", "call me now");
    expect(result).toEqual(counts({ ref: 2, hyp: 3, correct: 2, ins: 1 }));
    expect(errorRate(result)).toBe(0.5);
  });

  it("insertions can push the rate above one", () => {
    // C=1 I=2 against one reference word: WER = 2/1 = 2.
    expect(errorRate(wordErrors("yes", "yes yes yes"))).toBe(2);
  });

  it("an empty hypothesis deletes every reference word", () => {
    const result = wordErrors("book a table", "");
    expect(result).toEqual(counts({ ref: 3, del: 3 }));
    expect(errorRate(result)).toBe(1);
  });

  it("an empty reference scores 0 against silence and 1 against any words", () => {
    expect(errorRate(wordErrors("", ""))).toBe(0);
    const result = wordErrors("", "hello there");
    expect(result).toEqual(counts({ hyp: 2, ins: 2 }));
    // 2 insertions / 0 reference words would be Infinity; the rate is capped at 1.
    expect(errorRate(result)).toBe(1);
  });

  it("digits and spoken numbers compare equal after normalisation", () => {
    expect(wordErrors("Call me at 5:30.", "call me at five thirty")).toEqual(
      counts({ ref: 5, hyp: 5, correct: 5 }),
    );
    expect(errorRate(wordErrors("15 people, 3rd floor", "fifteen people third floor"))).toBe(0);
    expect(
      errorRate(
        wordErrors(
          "my number is 0412 345 678",
          "my number is zero four one two three four five six seven eight",
        ),
      ),
    ).toBe(0);
  });

  it("fillers on either side are not errors", () => {
    expect(errorRate(wordErrors("I um need a taxi", "uh I need a taxi"))).toBe(0);
  });

  it("a shift is a deletion and an insertion, not two substitutions (sclite weights 4/3/3)", () => {
    // D(red) C(car) I(park) costs 3 + 0 + 3 = 6; S(red→car) S(car→park) costs 4 + 4 = 8.
    expect(wordErrors("red car", "car park")).toEqual(counts({ ref: 2, hyp: 2, correct: 1, del: 1, ins: 1 }));
  });

  it("when substitutions tie with deletions plus insertions, substitutions win as in sclite", () => {
    // S S S costs 3·4 = 12; D(yes) D(yes) C(no) I(thanks) I(thanks) costs 4·3 = 12 too.
    // sclite prefers the diagonal on ties, so S=3, not D=2 I=2.
    expect(wordErrors("yes yes no", "no thanks thanks")).toEqual(counts({ ref: 3, hyp: 3, sub: 3 }));
  });

  it("Japanese is scored on characters, detected without being told", () => {
    // 今 日 は 晴 れ で す (7) vs 今 日 は 雨 で す (6): 晴→雨 S, れ D, WER = 2/7.
    const result = wordErrors("今日は、晴れです。", "今日は雨です");
    expect(result).toEqual(counts({ ref: 7, hyp: 6, correct: 5, sub: 1, del: 1 }));
    expect(errorRate(result)).toBeCloseTo(2 / 7, 12);
    expect(wordErrors("今日は晴れです", "今日は雨です", { lang: "ja" })).toEqual(result);
  });

  it("the reference decides the language of the pair", () => {
    // English reference, stray kanji in the hypothesis: still words, so 漢字 is one insertion.
    expect(wordErrors("call me", "call me 漢字")).toEqual(counts({ ref: 2, hyp: 3, correct: 2, ins: 1 }));
  });
});

describe("character errors", () => {
  it("one wrong letter is one substitution of three characters", () => {
    // c=c a→u t=t: S=1, CER = 1/3.
    const result = charErrors("cat", "cut");
    expect(result).toEqual(counts({ ref: 3, hyp: 3, correct: 2, sub: 1 }));
    expect(errorRate(result)).toBeCloseTo(1 / 3, 12);
  });

  it("spaces are not characters, so a split word costs nothing in CER but two errors in WER", () => {
    expect(charErrors("ice cream", "icecream")).toEqual(counts({ ref: 8, hyp: 8, correct: 8 }));
    // ice→icecream S, cream D: WER = 2/2.
    expect(wordErrors("ice cream", "icecream")).toEqual(counts({ ref: 2, hyp: 1, sub: 1, del: 1 }));
  });

  it("character errors are counted after normalisation", () => {
    // "5" → "five": f i v e = f i v e.
    expect(charErrors("5", "Five!")).toEqual(counts({ ref: 4, hyp: 4, correct: 4 }));
  });

  it("for Japanese, character errors equal word errors", () => {
    expect(charErrors("今日は晴れです", "今日は雨です")).toEqual(
      wordErrors("今日は晴れです", "今日は雨です"),
    );
  });
});

describe("corpus totals", () => {
  it("sum counts, so the corpus rate is not the mean of utterance rates", () => {
    const short = wordErrors("yes please", "yes"); // D=1 of 2: 0.5
    const long = wordErrors(
      "one two three four five six seven eight",
      "one two three four five six seven eight",
    ); // 0 of 8
    const total = sumCounts([short, long]);
    expect(total).toEqual(counts({ ref: 10, hyp: 9, correct: 9, del: 1 }));
    // Summed: 1 / 10 = 0.1. Mean of rates: (0.5 + 0) / 2 = 0.25.
    expect(errorRate(total)).toBe(0.1);
    expect((errorRate(short) + errorRate(long)) / 2).toBe(0.25);
  });

  it("an empty list sums to zero counts", () => {
    expect(sumCounts([])).toEqual(counts({}));
  });

  it("stored scores can name the normalisation that produced them", () => {
    expect(NORMALISATION_VERSION).toMatch(/\S/);
  });
});

describe("alignment pairs", () => {
  it("come back in reading order with the operation of each step", () => {
    const { counts: result, pairs } = align(["red", "car"], ["car", "park"], { pairs: true });
    expect(result).toEqual(counts({ ref: 2, hyp: 2, correct: 1, del: 1, ins: 1 }));
    expect(pairs).toEqual([
      { op: "del", ref: "red", hyp: null },
      { op: "correct", ref: "car", hyp: "car" },
      { op: "ins", ref: null, hyp: "park" },
    ]);
  });

  it("are left out unless asked for", () => {
    expect(align(["a"], ["b"]).pairs).toBeUndefined();
  });
});

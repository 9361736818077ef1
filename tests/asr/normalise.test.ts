import { describe, expect, it } from "vitest";
import { detectLang, normaliseForAsr } from "../../src/asr/index.js";

const words = (text: string): string => normaliseForAsr(text).join(" ");

describe("English normalisation", () => {
  it("lower-cases, strips punctuation and collapses whitespace, keeping apostrophes inside words", () => {
    expect(words("  Don't be LATE,   please!  ")).toBe("don't be late please");
    expect(words("‘quoted’ students' rock 'n' roll o’clock")).toBe("quoted students rock n roll o'clock");
  });

  it("hyphens split words", () => {
    expect(words("twenty-one well-known")).toBe("twenty one well known");
  });

  it("full-width letters and digits become ASCII (NFKC)", () => {
    expect(words("Ｈｅｌｌｏ １５")).toBe("hello fifteen");
  });

  it("integers up to four digits are read as cardinals without 'and'", () => {
    expect(words("0 7 15 40 100 115 1500 2024 9999")).toBe(
      "zero seven fifteen forty one hundred one hundred fifteen one thousand five hundred " +
        "two thousand twenty four nine thousand nine hundred ninety nine",
    );
  });

  it("digit strings starting with 0 or longer than four digits are read digit by digit", () => {
    expect(words("0412 007 12345")).toBe("zero four one two zero zero seven one two three four five");
  });

  it("phone numbers are read digit by digit, whatever their punctuation", () => {
    const spoken = "zero four one two three four five six seven eight";
    expect(words("0412 345 678")).toBe(spoken);
    expect(words("0412-345-678")).toBe(spoken);
    expect(words("call (02) 9876 5432.")).toBe("call zero two nine eight seven six five four three two");
    expect(words("+61 412 345 678")).toBe("six one four one two three four five six seven eight");
    expect(words("555-1234")).toBe("five five five one two three four");
    expect(words("1.800.555.0199")).toBe("one eight zero zero five five five zero one nine nine");
    expect(words("(555) 123-4567 then 24 hours")).toBe(
      "five five five one two three four five six seven then twenty four hours",
    );
  });

  it("space-separated groups without a leading +, ( or 0 stay ordinary numbers", () => {
    expect(words("555 1234")).toBe("five hundred fifty five one thousand two hundred thirty four");
    // A lone 0 does not start a phone number, so the counts after it stay counts.
    expect(words("0 7 15 40 100")).toBe("zero seven fifteen forty one hundred");
  });

  it("times are read as hour then minutes", () => {
    expect(words("5:30 5:05 5:00 17:45")).toBe("five thirty five oh five five seventeen forty five");
  });

  it("ordinals become ordinal words", () => {
    expect(words("1st 2nd 3rd 12th 21st 22nd 90th 100th")).toBe(
      "first second third twelfth twenty first twenty second ninetieth one hundredth",
    );
  });

  it("comma-grouped numbers and decimals are quantities", () => {
    expect(words("1,250 10,000 3.5 0.25 1,234.5")).toBe(
      "one thousand two hundred fifty ten thousand three point five zero point two five " +
        "one thousand two hundred thirty four point five",
    );
  });

  it("percent and ampersand are spoken, other symbols dropped", () => {
    expect(words("15% off & $5")).toBe("fifteen percent off and five");
  });

  it("dotted abbreviations lose their dots and digits split from letters", () => {
    expect(words("5pm 10 a.m. U.S.A. mp3")).toBe("five pm ten am usa mp three");
  });

  it("'oh' stays 'oh': we do not guess that it meant zero", () => {
    expect(words("oh four oh")).toBe("oh four oh");
  });

  it("fillers are dropped, in any length", () => {
    expect(words("Um, I uh need er a taxi hmm ummm ahh erm")).toBe("i need a taxi");
    expect(words("uh-huh")).toBe("huh");
  });

  it("the same words written in digits or in words normalise alike", () => {
    expect(normaliseForAsr("Meet at 5:30 on the 3rd, 15 people.")).toEqual(
      normaliseForAsr("meet at five thirty on the third fifteen people"),
    );
  });

  it("text with nothing to say gives no tokens", () => {
    expect(normaliseForAsr("")).toEqual([]);
    expect(normaliseForAsr(" ... !? um ")).toEqual([]);
  });
});

describe("Japanese normalisation", () => {
  it("is detected from kana or kanji", () => {
    expect(detectLang("今日は")).toBe("ja");
    expect(detectLang("カタカナ")).toBe("ja");
    expect(detectLang("hello 15")).toBe("en");
  });

  it("removes punctuation and whitespace and splits into characters", () => {
    expect(normaliseForAsr("今日は、 いい天気。")).toEqual(["今", "日", "は", "い", "い", "天", "気"]);
  });

  it("folds half-width katakana and full-width digits (NFKC) but does not read numbers", () => {
    expect(normaliseForAsr("ｶﾞｰﾃﾞﾝ １５")).toEqual(["ガ", "ー", "デ", "ン", "1", "5"]);
  });

  it("follows the lang option even for text without kana or kanji", () => {
    expect(normaliseForAsr("ab c", { lang: "ja" })).toEqual(["a", "b", "c"]);
    expect(normaliseForAsr("今日", { lang: "en" })).toEqual(["今日"]);
  });
});

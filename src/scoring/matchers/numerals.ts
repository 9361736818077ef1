// Numbers written as words: English ("twenty-five") and Japanese kanji ("二十五").

// Maps, not object literals: a word like "constructor" must not find Object.prototype.
const UNIT_WORDS =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen";
const TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety";
const ENGLISH_UNITS = new Map<string, number>([
  ...UNIT_WORDS.split(" ").map((word, i): [string, number] => [word, i]),
  ["a", 1],
  ["oh", 0],
]);
const ENGLISH_TENS = new Map(TENS_WORDS.split(" ").map((word, i): [string, number] => [word, (i + 2) * 10]));

/** "twenty-five", "one hundred and five", "two thousand three hundred"; up to 999,999. */
export function parseEnglishNumber(text: string): number | undefined {
  const words = text.split(/[\s-]+/u).filter((w) => w !== "" && w !== "and");
  if (words.length === 0) return undefined;
  let total = 0;
  let current = 0;
  let sawDigitWord = false;
  for (const word of words) {
    const unit = ENGLISH_UNITS.get(word) ?? ENGLISH_TENS.get(word);
    if (unit !== undefined) {
      // "five twenty" or "twenty thirty" is not one number: a word may only fill empty places.
      if (current % (unit < 10 ? 10 : 100) !== 0) return undefined;
      current += unit;
      sawDigitWord = true;
    } else if (word === "hundred" && sawDigitWord) {
      current = (current || 1) * 100;
    } else if (word === "thousand" && sawDigitWord && total === 0) {
      total = (current || 1) * 1000;
      current = 0;
    } else {
      return undefined;
    }
  }
  // A lone "a" or "oh" is an article or an exclamation, not a number.
  if (words.length === 1 && (words[0] === "a" || words[0] === "oh")) return undefined;
  return total + current;
}

const KANJI_DIGITS = new Map<string, number>(
  Object.entries({
    〇: 0,
    零: 0,
    一: 1,
    壱: 1,
    二: 2,
    弐: 2,
    弍: 2,
    三: 3,
    参: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  }),
);
const KANJI_SMALL_UNITS = new Map<string, number>(Object.entries({ 十: 10, 拾: 10, 百: 100, 千: 1000 }));

/**
 * "三" → 3, "二十五" → 25, "千二百" → 1200, "一万二千" → 12000, "2万" → 20000,
 * and positional "二〇二六" → 2026. ASCII digits may stand in for kanji digits.
 */
export function parseKanjiNumber(text: string): number | undefined {
  if (!/^[0-9〇零一壱二弐弍三参四五六七八九十拾百千万]+$/u.test(text)) return undefined;
  if (!/[十拾百千万]/u.test(text)) {
    // Without unit characters the kanji are digits written in place ("二〇二六").
    const digits = [...text].map((ch) => KANJI_DIGITS.get(ch) ?? Number(ch)).join("");
    return Number(digits);
  }
  let total = 0;
  let section = 0;
  let pending: number | undefined;
  for (const ch of text) {
    const small = KANJI_SMALL_UNITS.get(ch);
    // "零十" or "〇百" writes no number: a zero never multiplies a unit.
    if ((small !== undefined || ch === "万") && pending === 0) return undefined;
    if (ch === "万") {
      total += (section + (pending ?? 0) || 1) * 10_000;
      section = 0;
      pending = undefined;
    } else if (small !== undefined) {
      section += (pending ?? 1) * small;
      pending = undefined;
    } else {
      const digit = KANJI_DIGITS.get(ch) ?? Number(ch);
      // "2" then "5" without a unit between them: read as one ASCII number ("25万").
      pending = pending === undefined ? digit : pending * 10 + digit;
    }
  }
  return total + section + (pending ?? 0);
}

const ORDINAL_WORDS =
  "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth";
const ORDINALS = new Map<string, number>([
  ...ORDINAL_WORDS.split(" ").map((word, i): [string, number] => [word, i + 1]),
  ["twentieth", 20],
  ["thirtieth", 30],
]);

/** "first" → 1, "twenty-first" → 21, "15th" → 15, "thirtieth" → 30; up to 39. */
export function parseOrdinal(text: string): number | undefined {
  const digits = text.match(/^(\d{1,2})(?:st|nd|rd|th)$/u);
  if (digits) return Number(digits[1]);
  const m = text.match(/^(?:(twenty|thirty)[\s-])?([a-z]+)$/u);
  const unit = ORDINALS.get(m?.[2] ?? "");
  if (!m || unit === undefined || (m[1] !== undefined && unit > 9)) return undefined;
  return (m[1] === "twenty" ? 20 : m[1] === "thirty" ? 30 : 0) + unit;
}

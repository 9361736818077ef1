/**
 * Text normalisation for scoring speech recognition. Reference and hypothesis both
 * pass through it before alignment, so only differences a listener would hear count.
 *
 * English (`lang: "en"`), in order:
 * 1. Unicode NFKC (full-width letters and digits become ASCII), lower case, and
 *    curly or modifier apostrophes (’ ‘ ʼ ` ´) become `'`.
 * 2. Phone numbers (7 to 15 digits) are read digit by digit, "+" and brackets
 *    dropped. One is either a single piece of digit groups joined by "-" or by two
 *    or more "." ("555-1234", "1.800.555.0199"), or a piece starting with "+", "("
 *    or "0" and at least two digits, followed by the space-separated groups of 2 to
 *    4 digits after it ("(02) 9876 5432", "+61 412 345 678", "0412 345 678").
 *    "555-1234" → "five five five one two three four". Space-only groups without
 *    that start ("555 1234") stay ordinary numbers; a hyphenated date such as
 *    "2024-05-01" reads as a phone number.
 * 3. Times h:mm (h ≤ 24) → hour then minutes: "5:30" → "five thirty", "5:05" →
 *    "five oh five" (how it is said), "5:00" → "five" (no "o'clock").
 * 4. Numbers grouped with commas are quantities: "1,250" → "one thousand two
 *    hundred fifty" (up to 999,999,999,999).
 * 5. Decimals: "3.5" → "three point five", fraction digits one by one.
 * 6. Ordinals: "3rd" → "third", "21st" → "twenty first", "100th" → "one hundredth".
 * 7. "%" → "percent", "&" → "and". Currency and other symbols are dropped, not
 *    spoken ("$5" → "five", not "five dollars").
 * 8. Dotted single-letter abbreviations lose their dots: "p.m." → "pm", "u.s." → "us".
 * 9. Digits and letters that touch are split: "5pm" → "five pm", "mp3" → "mp three".
 * 10. Other digit strings: one that starts with 0 or is longer than 4 digits is read
 *     digit by digit ("0412" → "zero four one two", "12345" → "one two three four
 *     five"); else it is a cardinal without "and": "15" → "fifteen", "2024" →
 *     "two thousand twenty four", "1500" → "one thousand five hundred". Years are
 *     not special-cased, 0 is "zero" and the word "oh" stays "oh" (we do not guess
 *     which "oh" meant zero). There is no "minus": "-5" → "five".
 * 11. Punctuation and symbols become spaces; an apostrophe is kept only between two
 *     letters ("don't", "o'clock"), so quotes and "students'" lose it. Hyphens split
 *     words: "twenty-one" → "twenty one". Whitespace collapses.
 * 12. Fillers are dropped from both sides, as sclite setups usually ignore them
 *     (optionally deletable): uh, um, uhm, er, erm, ah, hm, hmm, with letters
 *     repeated ("ummm", "hmmm", and so "err" too). So "uh-huh" → "huh".
 *
 * Japanese (`lang: "ja"`, or detected when the text has kana or kanji): NFKC, lower
 * case, then every punctuation mark, symbol and all whitespace is removed and the
 * unit is the character (grapheme). Without a word segmenter Japanese word error
 * rate is not well defined, so WER for Japanese is character error rate. Digits are
 * kept as characters, not read: "15" and "十五" differ. Fillers are not removed.
 *
 * Bump NORMALISATION_VERSION in error-rate.ts whenever any of this changes.
 */
import { graphemes } from "./graphemes.js";

export type AsrLang = "en" | "ja";

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** "ja" when the text contains hiragana, katakana or kanji, else "en". */
export function detectLang(text: string): AsrLang {
  return JAPANESE.test(text) ? "ja" : "en";
}

/** Tokens to align: words for English, characters for Japanese (see the file comment). */
export function normaliseForAsr(text: string, options: { lang?: AsrLang } = {}): string[] {
  const lang = options.lang ?? detectLang(text);
  return lang === "ja" ? japaneseCharacters(text) : englishWords(text);
}

function japaneseCharacters(text: string): string[] {
  const kept = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]/gu, "");
  return graphemes(kept);
}

// biome-ignore format: a table reads better than one word a line
const ONES = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const SCALES: [string, number][] = [
  ["billion", 1e9],
  ["million", 1e6],
  ["thousand", 1e3],
];
// biome-ignore format: the irregular ordinals read better on one line
const ORDINAL_ENDINGS: Record<string, string> = {
  one: "first", two: "second", three: "third", five: "fifth", eight: "eighth", nine: "ninth", twelve: "twelfth",
};

function belowThousand(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) words.push(ONES[hundreds] as string, "hundred");
  if (rest >= 20) {
    words.push(TENS[Math.floor(rest / 10)] as string);
    if (rest % 10 > 0) words.push(ONES[rest % 10] as string);
  } else if (rest > 0 || hundreds === 0) {
    words.push(ONES[rest] as string);
  }
  return words;
}

/** Cardinal words for 0 ≤ n < 10^12, without "and". */
function cardinal(n: number): string[] {
  if (n === 0) return ["zero"];
  const words: string[] = [];
  let rest = n;
  for (const [name, size] of SCALES) {
    const count = Math.floor(rest / size);
    if (count > 0) words.push(...belowThousand(count), name);
    rest %= size;
  }
  if (rest > 0) words.push(...belowThousand(rest));
  return words;
}

function ordinal(n: number): string[] {
  const words = cardinal(n);
  const last = words.pop() as string;
  const irregular = ORDINAL_ENDINGS[last];
  words.push(irregular ?? (last.endsWith("y") ? `${last.slice(0, -1)}ieth` : `${last}th`));
  return words;
}

function digitByDigit(digits: string): string[] {
  return Array.from(digits.replace(/\D/g, ""), (digit) => ONES[Number(digit)] as string);
}

/** Rule 10: leading zero or more than 4 digits → digit by digit, else a cardinal. */
function digitRun(digits: string): string[] {
  if (digits.length > 4 || (digits.length > 1 && digits.startsWith("0"))) return digitByDigit(digits);
  return cardinal(Number(digits));
}

// Padded with spaces so a replacement never glues onto a neighbouring word.
const spoken = (words: string[]): string => ` ${words.join(" ")} `;

const TIME = /(?<![\p{N}:])(\d{1,2}):(\d{2})(?!\p{N}|:\d)/gu;
const GROUPED = /(?<![\p{N},.])(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?(?!\p{N}|[,.]\d)/gu;
const DECIMAL = /(?<![\p{N}.])(\d+)\.(\d+)(?!\p{N}|\.\d)/gu;
const ORDINAL = /(?<![\p{L}\p{N}])(\d{1,12})(?:st|nd|rd|th)(?![\p{L}\p{N}])/gu;
const ABBREVIATION = /(?<![\p{L}\p{N}.])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])/gu;
const FILLER = /^(?:u+h+|u+h*m+|e+r+m*|a+h+|h+m+)$/;

function spellOut(piece: string): string {
  let text = piece.replace(TIME, (match, hour: string, minute: string) => {
    const h = Number(hour);
    const m = Number(minute);
    if (h > 24 || m > 59) return match;
    const minutes = m === 0 ? [] : m < 10 ? ["oh", ...cardinal(m)] : cardinal(m);
    return spoken([...cardinal(h), ...minutes]);
  });
  text = text
    .replace(GROUPED, (_match, whole: string, fraction?: string) => {
      const n = Number(whole.replaceAll(",", ""));
      const words = n < 1e12 ? cardinal(n) : digitByDigit(whole);
      return spoken(fraction === undefined ? words : [...words, "point", ...digitByDigit(fraction)]);
    })
    .replace(DECIMAL, (_match, whole: string, fraction: string) =>
      spoken([...digitRun(whole), "point", ...digitByDigit(fraction)]),
    )
    .replace(ORDINAL, (_match, digits: string) => spoken(ordinal(Number(digits))))
    .replaceAll("%", " percent ")
    .replaceAll("&", " and ");
  return text
    .replace(ABBREVIATION, (letters) => letters.replaceAll(".", ""))
    .replace(/(\d)(?=\p{L})|(\p{L})(?=\d)/gu, "$1$2 ")
    .replace(/\d+/g, (digits) => spoken(digitRun(digits)));
}

// Rule 2. A phone piece is digit groups with optional brackets and "-" or "." joints.
const PHONE_PIECE = /^\+?\(?\d+\)?(?:[.-]?\(?\d+\)?)*$/;
const PHONE_TAIL = /^\(?\d{2,4}\)?(?:[.-]\(?\d+\)?)*$/;
const countDigits = (text: string): number => text.replace(/\D/g, "").length;
const trimEdges = (token: string): string =>
  token.replace(/^[^\p{L}\p{N}+(]+/u, "").replace(/[^\p{L}\p{N})]+$/u, "");

/** How many whitespace tokens from `start` form one phone number; 0 when they do not. */
function phoneLength(tokens: readonly string[], start: number): number {
  const first = trimEdges(tokens[start] as string);
  if (!PHONE_PIECE.test(first)) return 0;
  const joined = first.includes("-") || (first.match(/\./g)?.length ?? 0) >= 2;
  if (!joined && !/^[+(]|^0\d+$/.test(first)) return 0;
  let digits = countDigits(first);
  let end = start + 1;
  // A piece already joined by "-" or "." is whole; "+61", "(02)" or "0412" take the groups after them.
  while (!joined && end < tokens.length) {
    const tail = trimEdges(tokens[end] as string);
    if (!PHONE_TAIL.test(tail) || digits + countDigits(tail) > 15) break;
    digits += countDigits(tail);
    end++;
    if (/[.-]/.test(tail)) break;
  }
  return digits >= 7 && digits <= 15 ? end - start : 0;
}

function readPhones(text: string): string {
  const tokens = text.split(/\s+/).filter((token) => token !== "");
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const length = phoneLength(tokens, i);
    if (length === 0) {
      out.push(tokens[i] as string);
    } else {
      out.push(...digitByDigit(tokens.slice(i, i + length).join("")));
      i += length - 1;
    }
  }
  return out.join(" ");
}

function englishWords(text: string): string[] {
  const prepared = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'");
  return spellOut(readPhones(prepared))
    .replace(/[^\p{L}\p{M}\p{N}']/gu, " ")
    .replace(/(?<!\p{L})'|'(?!\p{L})/gu, " ")
    .split(/\s+/)
    .filter((word) => word !== "" && !FILLER.test(word));
}

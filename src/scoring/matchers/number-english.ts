// English counts beyond plain number words: "10k", "2 million", "a dozen", "minus 5", "two point two million".
import { parseEnglishNumber } from "./numerals.js";

const SCALES = new Map<string, number>([
  ["thousand", 1e3],
  ["k", 1e3],
  ["million", 1e6],
  ["billion", 1e9],
]);
const WHOLE = new Map<string, number>([
  ["single", 1],
  ["a pair", 2],
  ["a pair of", 2],
]);
const DIGIT = /^\d+$/u;

/** Reads normalised (lower-case, NFKC) English count text; undefined when any word is left over. */
export function parseEnglishCount(input: string): number | undefined {
  const text = input.replace(/,(?=\d{3}\b)/gu, "").trim();
  // "forty-five (45)": the figure repeats the words, and must agree with them.
  const repeated = text.match(/^(.+?)\s*\((.+)\)$/u);
  if (repeated) {
    const a = parseEnglishCount(repeated[1] ?? "");
    return a !== undefined && a === parseEnglishCount(repeated[2] ?? "") ? a : undefined;
  }
  const signed = text.match(/^(?:minus|negative)\s+(.+)$/u);
  if (signed) {
    const n = parseEnglishCount(signed[1] ?? "");
    return n === undefined ? undefined : -n;
  }
  return WHOLE.get(text) ?? scaled(text);
}

/** Up to the billions: "31 million two hundred thousand", "2.3 million", "100k", "two hundred dozens". */
function scaled(text: string): number | undefined {
  const dozen = text.match(/^(.*?)\s*dozens?(?:\s+of)?$/u);
  if (dozen) {
    const n = dozen[1] === "a" || dozen[1] === "" ? 1 : plain(dozen[1] ?? "");
    return n === undefined ? undefined : n * 12;
  }
  let total = 0;
  let rest = text;
  for (const [word, scale] of [...SCALES].sort((a, b) => b[1] - a[1])) {
    const m = rest.match(new RegExp(`^(.*?)\\s*\\b${word}\\b\\s*(.*)$|^(.*?\\d)${word}\\b\\s*(.*)$`, "u"));
    if (!m) continue;
    const head = plain(m[1] ?? m[3] ?? "");
    // Each scale is said once, largest first: "two million three thousand" ("1200k" is fine alone).
    if (head === undefined || head <= 0 || (total > 0 && head >= 1000)) return undefined;
    total += head * scale;
    rest = (m[2] ?? m[4] ?? "").replace(/^and\s+/u, "");
    if (rest === "") return round(total);
  }
  const tail = plain(rest);
  if (tail === undefined || (total > 0 && tail >= 1000)) return undefined;
  return round(total + tail);
}

/** Digits, a decimal, number words, or "two point two" / "point 77". */
function plain(text: string): number | undefined {
  if (/^\d*\.\d+$|^\d+$/u.test(text)) return Number(text);
  const point = text.match(/^(.*?)\s*point\s+(.+)$/u);
  if (point) {
    const whole = point[1] === "" ? 0 : plain(point[1] ?? "");
    const digits = point[2]?.split(/\s+/u).map((w) => (DIGIT.test(w) ? w : digitWord(w)));
    if (whole === undefined || !digits || digits.some((d) => d === undefined)) return undefined;
    return Number(`${whole}.${digits.join("")}`);
  }
  return parseEnglishNumber(text);
}

function digitWord(word: string): string | undefined {
  const n = parseEnglishNumber(word);
  return n !== undefined && n < 10 ? String(n) : undefined;
}

// 2.2 × 1e6 is 2200000.0000000005 in binary floating point.
function round(n: number): number {
  return Number(n.toPrecision(12));
}

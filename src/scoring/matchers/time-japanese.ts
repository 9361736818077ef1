// Japanese times: "17時30分", "午後5時半", "夜の12時", "午後2:10", "PM2:10", "15時ちょうど".
import { type DayPart, formatClock } from "./clock.js";
import { parseKanjiNumber } from "./numerals.js";

// 夕方 (evening) and 夜/晩 (night) put the hour after noon, but 夜の12時 is midnight and 夜中の2時 is 02:00.
const PARTS = new Map<string, DayPart>([
  ["午前", "am"],
  ["am", "am"],
  ["朝", "morning"],
  ["午後", "pm"],
  ["pm", "pm"],
  ["昼", "afternoon"],
  ["夕方", "evening"],
  ["夜", "night"],
  ["晩", "night"],
  ["夜中", "night"],
  ["深夜", "night"],
  ["今夜", "night"],
  ["今晩", "night"],
]);
// Words after a time that change nothing: "about", "exactly", and the particles a sentence leaves on it.
const TRAILING =
  /(?:頃|ごろ|くらい|ぐらい|ちょうど|きっかり|ぴったり|丁度|から|まで|に|で|の|は|を|が|です)$/u;
const PART = "(午前|午後|朝|昼|夕方|夜中|深夜|今夜|今晩|夜|晩|am|pm)?の?";
const NUM = "([0-9〇零一二三四五六七八九十]+)";
const KANJI_CLOCK = new RegExp(`^${PART}${NUM}時(?:(半)|${NUM}分)?$`, "u");
const COLON_CLOCK = new RegExp(`^${PART}(\\d{1,2}):(\\d{2})$`, "u");

/** Reads normalised (NFKC, lower-case) Japanese time text. */
export function parseJapaneseTime(input: string): string | undefined {
  let text = input.replace(/\s+/gu, "");
  for (let before = ""; before !== text; ) {
    before = text;
    text = text.replace(TRAILING, "");
  }
  const colon = text.match(COLON_CLOCK);
  // "2:10" alone is read by the English reader; here only with 午前/午後 or AM/PM before it.
  if (colon?.[1]) return formatClock(Number(colon[2]), Number(colon[3]), PARTS.get(colon[1]));
  const m = text.match(KANJI_CLOCK);
  if (!m) return undefined;
  const hour = parseKanjiNumber(m[2] ?? "");
  const minute = m[3] ? 30 : m[4] ? parseKanjiNumber(m[4]) : 0;
  if (hour === undefined || minute === undefined) return undefined;
  return formatClock(hour, minute, m[1] ? PARTS.get(m[1]) : undefined);
}

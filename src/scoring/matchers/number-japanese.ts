// Japanese counts: "3名様", "大人2名", "ふたり", "2.3万", "2泊", "お一人様".
import { parseKanjiNumber } from "./numerals.js";

// Counters a Japanese speaker puts after a count ("4人", "3個", "2泊"); they carry no value.
const COUNTER = /(?:人様|名様|様|人|名|個|時|分|件|回|枚|本|台|歳|才|つ|泊|部屋|室|席|杯|冊|匹|頭|点)$/u;
// Who is counted, before the count: "大人2名", "子供1人".
const WHO = /^(?:大人|おとな|子供|子ども|こども|小人|幼児|合計|全部で|お)/u;
const WORDS = new Map<string, number>(
  Object.entries({
    ひとり: 1,
    ふたり: 2,
    さんにん: 3,
    よにん: 4,
    ごにん: 5,
    ひとつ: 1,
    ふたつ: 2,
    みっつ: 3,
    よっつ: 4,
    いつつ: 5,
    むっつ: 6,
    ななつ: 7,
    やっつ: 8,
    ここのつ: 9,
  }),
);

/** Reads normalised (NFKC) Japanese count text; undefined when it is not one. */
export function parseJapaneseCount(input: string): number | undefined {
  const text = input
    .replace(/\s+/gu, "")
    .replace(/(?:です|で|に|は)$/u, "")
    .replace(WHO, "");
  const word = WORDS.get(text.replace(/様$/u, ""));
  if (word !== undefined) return word;
  const bare = text.replace(COUNTER, "");
  // "2.3万": a decimal before 万 or 億.
  const decimal = bare.match(/^(\d+\.\d+|\d+)(万|億)$/u);
  if (decimal) return Number((Number(decimal[1]) * (decimal[2] === "万" ? 1e4 : 1e8)).toPrecision(12));
  if (bare === text && !/[十拾百千万]/u.test(text)) return undefined;
  return /^\d+$/u.test(bare) ? Number(bare) : parseKanjiNumber(bare);
}

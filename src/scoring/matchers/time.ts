// Times of day, compared as 24-hour "HH:MM": "5:30 pm", "17時半", "午後5時", "noon".
import { defineMatcher, type Matcher } from "./matcher.js";
import { normaliseText } from "./normalise.js";
import { parseEnglishTime } from "./time-english.js";
import { parseJapaneseTime } from "./time-japanese.js";

export function parseTime(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  // NFKC turns "１７：３０" into "17:30".
  const text = normaliseText(value);
  if (text === "正午" || text === "正午に") return "12:00";
  // An ISO date-time carries the time after the "T" (its offset is not applied).
  const iso = text.match(/^\d{4}-\d{2}-\d{2}[t ](\d{2}:\d{2})/u);
  if (iso) return parseEnglishTime(iso[1] ?? "");
  return parseEnglishTime(text) ?? parseJapaneseTime(text);
}

export function createTimeMatcher(): Matcher {
  return defineMatcher({ parse: parseTime });
}

// Which language a transcript is in, and how its text becomes tokens for that language's generators.
import { detectLang as detectTextLang } from "../asr/normalise.js";
import type { Turn } from "../core/types.js";
import { joinWords, splitWords, type Word } from "./en/words.js";
import type { Lang } from "./generator.js";
import { ENGLISH, JAPANESE, type Weighted } from "./registry.js";

export interface Codec<T> {
  split(text: string): { lead: string; tokens: T[] };
  join(lead: string, tokens: readonly T[]): string;
  generators: readonly Weighted<T>[];
}

export const englishCodec: Codec<Word> = { split: splitWords, join: joinWords, generators: ENGLISH };

// Japanese has no spaces and is scored by character, so its tokens are characters (code points, not UTF-16 units).
export const japaneseCodec: Codec<string> = {
  split: (text) => ({ lead: "", tokens: Array.from(text) }),
  join: (lead, tokens) => lead + tokens.join(""),
  generators: JAPANESE,
};

/** "ja" when any kana or kanji appears anywhere, as the scorer decides (Japanese calls quote digits and names). */
export function detectLang(transcript: string | readonly Turn[]): Lang {
  return detectTextLang(
    typeof transcript === "string" ? transcript : transcript.map((turn) => turn.text).join("\n"),
  );
}

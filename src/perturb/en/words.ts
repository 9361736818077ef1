// English text as words with their punctuation and spacing, so an edit changes words and nothing else.

/** One word as written: "(212)" is pre "(", word "212", post ")"; `space` is what follows it. */
export interface Word {
  pre: string;
  word: string;
  post: string;
  space: string;
}

const CHUNK = /(\S+)(\s*)/gu;
const EDGES = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

export function splitWords(text: string): { lead: string; tokens: Word[] } {
  const lead = /^\s*/u.exec(text)?.[0] ?? "";
  const tokens: Word[] = [];
  for (const [, chunk = "", space = ""] of text.matchAll(CHUNK)) {
    const [, pre = "", word = "", post = ""] = EDGES.exec(chunk) ?? [];
    tokens.push({ pre, word, post, space });
  }
  return { lead, tokens };
}

export function joinWords(lead: string, tokens: readonly Word[]): string {
  return lead + tokens.map((token) => token.pre + token.word + token.post + token.space).join("");
}

/** The replacement in the case of the word it replaces: "There" → "Their", "OK" → "OKAY". */
export function withCase(like: string, replacement: string): string {
  if (like.length > 1 && like === like.toUpperCase() && like !== like.toLowerCase())
    return replacement.toUpperCase();
  const first = like.charAt(0);
  if (first !== first.toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/**
 * Replaces the word at `at` with `text`: several words when it has spaces ("and her son"), none when it is
 * empty. Punctuation around the old word stays around the new ones, or moves to a neighbour when the
 * word goes, so sentences keep their shape.
 */
export function replaceWord(tokens: readonly Word[], at: number, text: string): Word[] {
  const old = tokens[at];
  if (!old) return [...tokens];
  const parts = text.split(" ").filter(Boolean);
  const copy = [...tokens];
  if (parts.length === 0) {
    copy.splice(at, 1);
    const before = copy[at - 1];
    const after = copy[at];
    if (before)
      copy[at - 1] = { ...before, post: before.post || old.post, space: after ? before.space : old.space };
    if (after && old.pre && !after.pre) copy[at] = { ...after, pre: old.pre };
    return copy;
  }
  const words = parts.map((word, i) => ({
    pre: i === 0 ? old.pre : "",
    word,
    post: i === parts.length - 1 ? old.post : "",
    space: i === parts.length - 1 ? old.space : " ",
  }));
  copy.splice(at, 1, ...words);
  return copy;
}

/** Inserts bare words before the word at `at` (at the end when `at` is the length). */
export function insertWords(tokens: readonly Word[], at: number, text: string): Word[] {
  const words = text
    .split(" ")
    .filter(Boolean)
    .map((word) => ({ pre: "", word, post: "", space: " " }));
  const copy = [...tokens];
  const last = copy[copy.length - 1];
  const lastWord = words[words.length - 1];
  if (at >= copy.length && last && lastWord) {
    lastWord.space = last.space;
    copy[copy.length - 1] = { ...last, space: " " };
  }
  copy.splice(at, 0, ...words);
  return copy;
}

export function lower(token: Word): string {
  return token.word.toLowerCase();
}

// Text measured and cut by terminal columns: CJK characters take two, and none is ever cut in half.
import stringWidth from "string-width";
import type { Span } from "./spans.js";

interface Grapheme {
  start: number;
  end: number;
  width: number;
  space: boolean;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
// Japanese closing marks and the long-vowel mark never start a line (kinsoku).
const NO_LINE_START = /^[、。，．,.」』）)！？!?ー…・ぁぃぅぇぉっゃゅょァィゥェォッャュョ]$/u;

export function displayWidth(text: string): number {
  return stringWidth(text);
}

function graphemes(text: string): Grapheme[] {
  return [...segmenter.segment(text)].map(({ segment, index }) => ({
    start: index,
    end: index + segment.length,
    width: stringWidth(segment),
    space: /^\s+$/u.test(segment),
  }));
}

function canBreakBefore(gs: Grapheme[], i: number, text: string): boolean {
  const cur = gs[i];
  const prev = gs[i - 1];
  if (!cur || !prev || cur.space) return false;
  if (prev.space) return true;
  // Between wide characters (Japanese has no spaces) any gap will do, but for the marks that end a phrase.
  return (cur.width > 1 || prev.width > 1) && !NO_LINE_START.test(text.slice(cur.start, cur.end));
}

/** Where a row starting at grapheme `from` must end: the last break that fits, else the last grapheme that fits. */
function rowEnd(gs: Grapheme[], from: number, width: number, text: string): number {
  let used = 0;
  let lastBreak = -1;
  for (let i = from; i < gs.length; i++) {
    const g = gs[i];
    if (!g) break;
    if (i > from && canBreakBefore(gs, i, text)) lastBreak = i;
    if (used + g.width > width && i > from) return g.space || lastBreak <= from ? i : lastBreak;
    used += g.width;
  }
  return gs.length;
}

/**
 * `text` cut into rows of at most `width` columns, as [start, end) ranges of
 * it: at spaces where it can, between wide characters, and mid-word only when
 * a word is wider than a row. Spaces at a break belong to no row. Always at
 * least one row, so an empty line still takes its place.
 */
export function wrapRanges(text: string, width: number): Span[] {
  const max = Math.max(2, Math.floor(width));
  const gs = graphemes(text);
  const rows: Span[] = [];
  let from = 0;
  while (from < gs.length) {
    const end = rowEnd(gs, from, max, text);
    let last = end - 1;
    while (last > from && gs[last]?.space) last--;
    rows.push([gs[from]?.start ?? 0, gs[last]?.end ?? 0]);
    from = end;
    while (from < gs.length && gs[from]?.space) from++;
  }
  return rows.length === 0 ? [[0, 0]] : rows;
}

export function wrapText(text: string, width: number): string[] {
  return wrapRanges(text, width).map(([s, e]) => text.slice(s, e));
}

/** At most `width` columns: cut at a whole character, with … where something was left off. */
export function truncateText(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 0) return "";
  let out = "";
  let used = 0;
  for (const g of graphemes(text)) {
    if (used + g.width > width - 1) break;
    out += text.slice(g.start, g.end);
    used += g.width;
  }
  return `${out}…`;
}

/** Truncated to `width` columns, then padded with spaces to exactly `width`. */
export function fitText(text: string, width: number): string {
  const cut = truncateText(text, width);
  return cut + " ".repeat(Math.max(0, width - stringWidth(cut)));
}

/**
 * The part of a one-line buffer that fits `width` columns with the cursor
 * (a code-point index) in view: [from, to) in code points.
 */
export function visibleWindow(chars: string[], cursor: number, width: number): [from: number, to: number] {
  const widths = chars.map((c) => stringWidth(c));
  // The cursor cell itself takes one column even at the end of the buffer.
  const cell = (i: number) => widths[i] ?? 1;
  let from = cursor;
  let used = cell(cursor);
  while (from > 0 && used + cell(from - 1) <= width) used += cell(--from);
  let to = cursor + 1;
  while (to < chars.length && used + cell(to) <= width) used += cell(to++);
  return [from, Math.min(to, chars.length)];
}

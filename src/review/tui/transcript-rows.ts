// The transcript as screen rows: each turn wrapped to the width, and every row labelled with its speaker.
import type { Segment } from "./highlight.js";
import type { TranscriptLine } from "./view-model.js";
import { displayWidth, truncateText, wrapRanges } from "./wrap.js";

/** One screen row of the transcript: a [start, end) slice of `lines[line].text`. */
export interface TranscriptRow {
  line: number;
  /** The speaker's label as drawn ("agent: " on a turn's first row, "agent┊ " on the rows that continue it). */
  label: string;
  first: boolean;
  start: number;
  end: number;
}

/** A long speaker name would leave no room for the words: it is cut to this many columns. */
const MAX_SPEAKER_COLUMNS = 16;
/** Rows narrower than this wrap after the label would leave too little: the words get at least this much. */
const MIN_TEXT_COLUMNS = 12;

/**
 * The label of a row. A row that continues a turn names its speaker too, so a
 * window scrolled into the middle of a turn still says who is talking.
 */
export function speakerLabel(speaker: string | undefined, first: boolean): string {
  if (speaker === undefined) return "";
  return `${truncateText(speaker, MAX_SPEAKER_COLUMNS)}${first ? ":" : "┊"} `;
}

export function transcriptRows(lines: TranscriptLine[], width: number): TranscriptRow[] {
  return lines.flatMap((line, index) => {
    const room = Math.max(MIN_TEXT_COLUMNS, width - displayWidth(speakerLabel(line.speaker, true)));
    return wrapRanges(line.text, room).map(
      ([start, end], k): TranscriptRow => ({
        line: index,
        label: speakerLabel(line.speaker, k === 0),
        first: k === 0,
        start,
        end,
      }),
    );
  });
}

/** The painted segments of a whole line that fall in [start, end), cut at its edges. */
export function clipSegments(segments: Segment[], start: number, end: number): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const segment of segments) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + segment.text.length);
    if (to > from) out.push({ text: segment.text.slice(from - at, to - at), models: segment.models });
    at += segment.text.length;
  }
  return out;
}

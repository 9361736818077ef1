// Reads the transcript off the screen as a reviewer does: row by row, scrolling with j until nothing is below.
import stringWidth from "string-width";

export interface ScreenRow {
  speaker: string;
  /** The row starts a turn ("agent: "); else it continues one ("agent┊ "). */
  first: boolean;
  text: string;
}

export interface Turn {
  speaker: string;
  text: string;
}

/** The transcript header and rows of one screen: the rows under the header, up to the blank line. */
export function transcriptOnScreen(screen: string): { header: string; rows: string[] } {
  const lines = screen.split("\n");
  const at = lines.findIndex((l) => l.startsWith("transcript · lines"));
  if (at < 0) throw new Error(`no transcript on screen:\n${screen}`);
  const end = lines.findIndex((l, i) => i > at && l.trim() === "");
  return { header: lines[at] ?? "", rows: lines.slice(at + 1, end < 0 ? undefined : end) };
}

export function parseRow(row: string): ScreenRow {
  const m = /^(\S+?)([:┊]) (.*)$/u.exec(row);
  if (!m) throw new Error(`a transcript row without its speaker: ${JSON.stringify(row)}`);
  return { speaker: m[1] ?? "", first: m[2] === ":", text: m[3] ?? "" };
}

/** Joins the rows into turns; a continuation row must name the speaker of the turn it continues. */
export function turnsOf(rows: ScreenRow[]): Turn[] {
  const turns: Turn[] = [];
  for (const row of rows) {
    const last = turns.at(-1);
    if (row.first || !last) {
      if (!row.first) throw new Error(`the first row continues nothing: ${row.text}`);
      turns.push({ speaker: row.speaker, text: row.text });
    } else if (last.speaker !== row.speaker) {
      throw new Error(`a row of ${last.speaker}'s turn is labelled ${row.speaker}: ${row.text}`);
    } else last.text += ` ${row.text}`;
  }
  return turns;
}

/** Text compared without its spaces: wrapping drops the space at each break, and Japanese has none. */
export const squash = (text: string) => text.replace(/\s+/gu, "");

/**
 * Every transcript row of the call, read by pressing j one row at a time
 * until the header says nothing more is below. Each screen's rows overlap
 * the last ones read; only what is new is added.
 */
export async function readWholeTranscript(
  read: () => Promise<string> | string,
  down: (before: string) => Promise<string>,
  columns: number,
): Promise<{ rows: ScreenRow[]; screens: string[] }> {
  let screen = await read();
  const seen: string[] = [];
  const screens: string[] = [];
  for (let guard = 0; guard < 400; guard++) {
    screens.push(screen);
    const { header, rows } = transcriptOnScreen(screen);
    for (const row of rows) {
      if (stringWidth(row) > columns) throw new Error(`a row wider than the terminal: ${row}`);
    }
    let overlap = Math.min(seen.length, rows.length);
    while (overlap > 0 && seen.slice(-overlap).join("\n") !== rows.slice(0, overlap).join("\n")) overlap--;
    seen.push(...rows.slice(overlap));
    if (!header.includes("↓ j")) return { rows: seen.map(parseRow), screens };
    screen = await down(screen);
  }
  throw new Error("the transcript never ended");
}

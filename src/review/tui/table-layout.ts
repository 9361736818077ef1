// The field table as cells of fixed columns: widths from the terminal's, values cut with … and a gap between.
import { inert } from "../../core/inert.js";
import type { MatchContext } from "../../core/types.js";
import type { ReviewCase } from "../types.js";
import { describeVerdict, differsFromMajority, displayValue } from "./view-model.js";
import { displayWidth, fitText, truncateText } from "./wrap.js";

/** Blank columns between two cells, so values never run into each other. */
export const GAP = 2;

export interface Cell {
  text: string;
  /** Model column (for its color), when the cell is a model's header. */
  model?: number;
  bold?: boolean;
  dim?: boolean;
  graded?: boolean;
}

export interface TableLayout {
  header: Cell[];
  rows: Cell[][];
  /** For each field: whether some value of it (an answer, the gold, the grade) did not fit its cell. */
  cut: boolean[];
}

function widths(c: ReviewCase, models: number, hasGold: boolean, width: number) {
  const name = Math.min(
    24,
    Math.max(8, Math.floor(width / 5)),
    Math.max(8, ...c.fields.map((f) => displayWidth(inert(f.field)) + 2)),
  );
  const grade = Math.min(28, Math.max(12, Math.floor(width / 5)));
  const values = models + (hasGold ? 1 : 0);
  // One column to spare: a row exactly as wide as the terminal makes some of them wrap.
  const value = Math.max(
    6,
    Math.floor((width - 1 - name - grade - GAP * (values + 1)) / Math.max(1, values)),
  );
  return { name, grade, value };
}

function cell(text: string, width: number, style: Omit<Cell, "text"> = {}): { cell: Cell; cut: boolean } {
  return { cell: { ...style, text: fitText(text, width) }, cut: truncateText(text, width) !== text };
}

export function tableLayout(
  c: ReviewCase,
  models: string[],
  selected: number,
  ctx: MatchContext,
  width: number,
): TableLayout {
  const hasGold = c.fields.some((f) => f.gold !== undefined);
  const w = widths(c, models.length, hasGold, width);
  const header = [
    cell("field", w.name, { dim: true }).cell,
    ...models.map((id, i) => cell(`${i + 1} ${inert(id)}`, w.value, { model: i, bold: true }).cell),
    ...(hasGold ? [cell("gold", w.value, { dim: true }).cell] : []),
    cell("your grade", w.grade, { dim: true }).cell,
  ];
  const cut: boolean[] = [];
  const rows = c.fields.map((f, row) => {
    const differs = differsFromMajority(f, ctx);
    const current = row === selected;
    const values = models.map((id) => {
      const i = f.answers.findIndex((a) => a.modelId === id);
      const answer = f.answers[i];
      if (!answer) return cell("  –", w.value, { dim: true });
      return cell(`${differs[i] ? "≠ " : "  "}${displayValue(answer.value)}`, w.value, {
        bold: differs[i] === true,
      });
    });
    if (hasGold) values.push(cell(f.gold === undefined ? "" : displayValue(f.gold), w.value));
    const grade = f.grade
      ? cell(`✓ ${describeVerdict(f.grade)}`, w.grade, { graded: true })
      : cell("· open", w.grade, { dim: true });
    cut.push([...values, grade].some((v) => v.cut));
    return [
      cell(`${current ? "›" : " "} ${inert(f.field)}`, w.name, { bold: current }).cell,
      ...values.map((v) => v.cell),
      grade.cell,
    ];
  });
  return { header, rows, cut };
}

/** Which fields a table of at most `room` rows shows: a window around the selected one. */
export function fieldWindow(count: number, selected: number, room: number): { start: number; end: number } {
  if (count <= room) return { start: 0, end: count };
  // One row goes to the line that says how many are above and below.
  const shown = Math.max(1, room - 1);
  const start = Math.min(Math.max(0, selected - Math.floor(shown / 2)), count - shown);
  return { start, end: start + shown };
}

// Whole answers as screen rows: the detail of the selected field and the rating rows, wrapped under a label.
import { inert } from "../../core/inert.js";
import type { ReviewField } from "../types.js";
import type { RatingDraft } from "./model.js";
import { passes } from "./rating.js";
import { describeVerdict, displayValue } from "./view-model.js";
import { displayWidth, fitText, wrapText } from "./wrap.js";

/** One screen row: a label (or blanks under it) and a piece of the value. */
export interface LabelledRow {
  /** Exactly as wide as the label column. */
  label: string;
  /** Model column of the label, for its color. */
  model?: number;
  /** The row starts its entry (the label is written, not blanks). */
  first: boolean;
  text: string;
  /** The selected rating row. */
  selected?: boolean;
}

interface Entry {
  label: string;
  model?: number;
  text: string;
  selected?: boolean;
}

const MAX_LABEL = 28;

/** Each entry's text wrapped beside its label; the label column as wide as the widest label needs. */
function labelled(entries: Entry[], width: number): LabelledRow[] {
  const column = Math.min(MAX_LABEL, Math.max(0, ...entries.map((e) => displayWidth(e.label))));
  const room = Math.max(10, width - 1 - column);
  return entries.flatMap((e) =>
    wrapText(e.text, room).map(
      (text, k): LabelledRow => ({
        label: fitText(k === 0 ? e.label : "", column),
        first: k === 0,
        text,
        ...(e.model === undefined ? {} : { model: e.model }),
        ...(e.selected === undefined ? {} : { selected: e.selected }),
      }),
    ),
  );
}

/** Every model's whole answer to the field, then its gold and its grade, when there are. */
export function detailRows(field: ReviewField, models: string[], width: number): LabelledRow[] {
  const entries: Entry[] = models.flatMap((id, model) => {
    const answer = field.answers.find((a) => a.modelId === id);
    if (!answer) return [];
    const entry: Entry = { label: `${model + 1} ${inert(id)}: `, model, text: displayValue(answer.value) };
    const { judge } = answer;
    if (!judge) return [entry];
    const verdict = `${judge.pass ? "pass" : "fail"} ${judge.score}/5 · ${inert(judge.reason)}`;
    return [entry, { label: "  judge: ", text: verdict }];
  });
  if (field.gold !== undefined) entries.push({ label: "gold: ", text: displayValue(field.gold) });
  if (field.grade) entries.push({ label: "your grade: ", text: `✓ ${describeVerdict(field.grade)}` });
  return labelled(entries, width);
}

/** The rating rows: "› [4/5 pass] 1 model: " and the whole answer wrapped beside it, then the gold. */
export function ratingRows(
  field: ReviewField,
  models: string[],
  drafts: RatingDraft[],
  row: number,
  passRating: number,
  width: number,
): LabelledRow[] {
  const entries: Entry[] = field.answers.map((answer, i) => {
    const draft = drafts[i] ?? {};
    const pass = passes(draft, passRating);
    const verdict = pass === undefined ? "     " : pass ? "pass" : "fail";
    const column = models.indexOf(answer.modelId);
    const mark = `${i === row ? "›" : " "} [${draft.score ?? "·"}/5 ${verdict}${draft.pass === undefined ? "" : "!"}] `;
    return {
      label: `${mark}${column + 1} ${inert(answer.modelId)}: `,
      model: column,
      text: displayValue(answer.value),
      selected: i === row,
    };
  });
  if (field.gold !== undefined) entries.push({ label: "  gold: ", text: displayValue(field.gold) });
  return labelled(entries, width);
}

/**
 * The rating rows that fit in `room`: the selected answer from its first row, then what follows it (the gold is
 * last), then what precedes it, with a `⋮ n rows above/below` row where some are left out. ↑/↓ move the
 * selection, and the window follows it, so every answer can be read at any terminal size.
 */
export function ratingWindow(rows: LabelledRow[], room: number): LabelledRow[] {
  if (rows.length <= room) return rows;
  const fit = Math.max(3, room);
  const selected = Math.max(
    0,
    rows.findIndex((row) => row.first && row.selected === true),
  );
  // Markers take rows too: settle on a window once both its markers are counted.
  let from = selected;
  let to = Math.min(rows.length, from + fit);
  for (let pass = 0; pass < 3; pass++) {
    const shown = fit - (from > 0 ? 1 : 0) - (to < rows.length ? 1 : 0);
    to = Math.min(rows.length, from + shown);
    from = Math.max(0, Math.min(selected, to - shown));
  }
  const marker = (text: string): LabelledRow => ({ label: "", first: true, text });
  return [
    ...(from > 0 ? [marker(`⋮ ${from} ${from === 1 ? "row" : "rows"} above (↑)`)] : []),
    ...rows.slice(from, to),
    ...(to < rows.length
      ? [marker(`⋮ ${rows.length - to} ${rows.length - to === 1 ? "row" : "rows"} below (↓)`)]
      : []),
  ];
}

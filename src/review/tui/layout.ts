// The whole screen as rows: every part but the transcript is measured, and the transcript gets what is left.
import { inert } from "../../core/inert.js";
import type { ReviewCase } from "../types.js";
import { detailRows, type LabelledRow, ratingRows, ratingWindow } from "./detail-rows.js";
import type { UiState } from "./model.js";
import { capRows, hintRows, statusRows } from "./status-rows.js";
import { fieldWindow, type TableLayout, tableLayout } from "./table-layout.js";
import { type TranscriptRow, transcriptRows } from "./transcript-rows.js";
import { caseModels, contextFor, fieldKind, transcriptLines } from "./view-model.js";

/** Knowledge-base lines shown when the excerpt is open. */
export const KB_LINES = 6;
const MIN_TRANSCRIPT_ROWS = 3;
const RUBRIC_ROWS = 2;

export interface ScreenPlan {
  width: number;
  models: string[];
  /** Every transcript row; `window` of them are shown from `scroll`. */
  transcript: TranscriptRow[];
  window: number;
  scroll: number;
  table: TableLayout;
  /** The fields the table shows, [start, end): all of them unless the terminal is too short. */
  fields: { start: number; end: number };
  invalid: { model: number; id: string; issues: string[] }[];
  rubric: string[];
  /** The selected field's whole values, when some did not fit the table; capped like `detailLeft` says. */
  detail: LabelledRow[];
  detailLeft: number;
  ratingHeader: string[];
  rating: LabelledRow[];
  status: string[];
  hints: string[];
}

const wrapped = new WeakMap<ReviewCase, { width: number; rows: TranscriptRow[] }>();

/** The transcript rows of a case, kept while neither the case nor the width changes: scrolling asks often. */
function rowsOf(c: ReviewCase, width: number): TranscriptRow[] {
  const known = wrapped.get(c);
  if (known?.width === width) return known.rows;
  const rows = transcriptRows(transcriptLines(c.transcript), width);
  wrapped.set(c, { width, rows });
  return rows;
}

function rubricOf(state: UiState): string | undefined {
  const field = state.case?.fields[state.field];
  if (!field || fieldKind(field) !== "free-text") return undefined;
  return field.rubric ?? (field.match.kind === "free-text" ? field.match.rubric : undefined);
}

function invalidModels(c: ReviewCase, models: string[]): ScreenPlan["invalid"] {
  return models.flatMap((id, model) => {
    const issues = c.fields.flatMap((f) => f.answers.find((a) => a.modelId === id)?.invalid ?? []);
    return issues.length === 0 ? [] : [{ model, id, issues: [...new Set(issues)] }];
  });
}

/** The screen of a state with a case; `undefined` without one. */
export function planScreen(state: UiState): ScreenPlan | undefined {
  const c = state.case;
  if (!c) return undefined;
  const width = Math.max(20, state.terminalColumns);
  const models = caseModels(c);
  const field = c.fields[state.field];
  const table = tableLayout(c, models, state.field, contextFor(c, state.config.scoring), width);
  const invalid = invalidModels(c, models);
  const rubricText = rubricOf(state);
  const rubric =
    rubricText === undefined ? [] : capRows(`rubric: ${inert(rubricText)}`, width - 1, RUBRIC_ROWS);
  let rating =
    state.mode === "rate" && field
      ? ratingRows(field, models, state.rating.drafts, state.rating.row, state.config.passRating, width)
      : [];
  const ratingHeader =
    state.mode === "rate"
      ? capRows(
          `rate each answer 1..5 (pass from ${state.config.passRating}; p/f overrides) · Enter saves · Esc cancels`,
          width - 1,
          2,
        )
      : [];
  // In rating the rating rows already show each whole answer.
  let detail =
    field && state.mode !== "rate" && table.cut[state.field] ? detailRows(field, models, width) : [];
  const status = statusRows(state.status, width);
  const hints = hintRows(state.mode, fieldKind(field), width);
  const editing = state.mode === "edit" || state.mode === "gold-edit" || state.mode === "note";

  // Ink redraws the whole screen, losing its top, once a frame is as tall as the terminal: one row spare.
  const budget = state.terminalRows - 1;
  let fixed =
    1 + // progress
    1 + // transcript header
    2 + // table margin and header
    invalid.length +
    rubric.length +
    (state.showKb ? 2 + KB_LINES : 0) +
    (editing ? 3 : 0) +
    (rating.length > 0 ? 1 + ratingHeader.length + rating.length : 0) +
    1 + // status margin
    status.length +
    hints.length;
  // Many answers, or long ones, on a short terminal: the rating rows show a window that follows the selection,
  // so the table keeps two fields and the transcript its three rows.
  const ratingRoom = budget - fixed + rating.length - Math.min(2, c.fields.length) - MIN_TRANSCRIPT_ROWS;
  if (rating.length > ratingRoom) {
    const shown = ratingWindow(rating, ratingRoom);
    fixed += shown.length - rating.length;
    rating = shown;
  }
  const detailHeight = () => (detail.length === 0 ? 0 : 2 + detail.length);
  let room = budget - fixed - c.fields.length - MIN_TRANSCRIPT_ROWS - detailHeight();
  // Too short a terminal: first the table shows a window of its fields, then the detail is cut.
  const fieldRoom = Math.max(Math.min(2, c.fields.length), c.fields.length + Math.min(0, room));
  room -= fieldRoom - c.fields.length;
  let detailLeft = 0;
  if (room < 0 && detail.length > 0) {
    const keep = Math.max(1, detail.length + room - 1);
    detailLeft = detail.length - keep;
    detail = detail.slice(0, keep);
  }
  const fields = fieldWindow(c.fields.length, state.field, fieldRoom);
  const detailRowsUsed = detailHeight() + (detailLeft > 0 ? 1 : 0);
  const window = Math.max(MIN_TRANSCRIPT_ROWS, budget - fixed - fieldRoom - detailRowsUsed);
  const transcript = rowsOf(c, width);
  const scroll = Math.min(Math.max(0, transcript.length - window), Math.max(0, state.scroll));
  return {
    width,
    models,
    transcript,
    window,
    scroll,
    table,
    fields,
    invalid,
    rubric,
    detail,
    detailLeft,
    ratingHeader,
    rating,
    status,
    hints,
  };
}

/** How many transcript rows a page is. */
export function transcriptWindow(state: UiState): number {
  return planScreen(state)?.window ?? MIN_TRANSCRIPT_ROWS;
}

/** The last row of the transcript ends the window: scrolling further would only show blanks. */
export function clampScroll(state: UiState, scroll: number): number {
  const plan = planScreen(state);
  if (!plan) return 0;
  return Math.min(Math.max(0, plan.transcript.length - plan.window), Math.max(0, scroll));
}

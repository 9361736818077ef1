// How many terminal rows the transcript window gets: what the rest of the screen leaves it.
import type { UiState } from "./model.js";
import { fieldKind, transcriptLines } from "./view-model.js";

/** Knowledge-base lines shown when the excerpt is open. */
export const KB_LINES = 6;
const MIN_TRANSCRIPT_ROWS = 3;

function otherRows(state: UiState): number {
  const c = state.case;
  if (!c) return 6;
  const selected = c.fields[state.field];
  const invalidModels = new Set(
    c.fields.flatMap((f) => f.answers.filter((a) => a.invalid?.length).map((a) => a.modelId)),
  );
  // Progress, transcript header, table margin and header, its rows, issues, status margin, status, two
  // rows of hints (they wrap when narrow), and one spare: Ink redraws the whole screen, flickering, once
  // a frame reaches the terminal's height.
  let rows = 1 + 1 + 2 + c.fields.length + invalidModels.size + 1 + 1 + 2 + 1;
  if (fieldKind(selected) === "free-text") rows += 2;
  if (state.showKb) rows += KB_LINES + 2;
  if (state.mode === "edit" || state.mode === "gold-edit" || state.mode === "note") rows += 3;
  if (state.mode === "rate") rows += 1 + 2 * (selected?.answers.length ?? 0);
  return rows;
}

export function transcriptRows(state: UiState): number {
  return Math.max(MIN_TRANSCRIPT_ROWS, state.terminalRows - otherRows(state));
}

/** Any line may come to the top: a long turn wraps over several rows, so a window of lines can overflow. */
export function maxScroll(state: UiState): number {
  if (!state.case) return 0;
  return Math.max(0, transcriptLines(state.case.transcript).length - 1);
}

export function clampScroll(state: UiState, scroll: number): number {
  return Math.min(maxScroll(state), Math.max(0, scroll));
}

// The review screen's state and its pure reducer: keys and session results in, new state and effects out.
import { EMPTY_EDITOR, erase, eraseWord, insert, moveCursor } from "./editor.js";
import { cancel, grade, isFreeTextSelected, pick, startText, submit } from "./grading.js";
import { clampHelpScroll, helpWindow } from "./help-rows.js";
import { type Intent, lookup } from "./keymap.js";
import { pressLabel } from "./keys.js";
import { clampScroll, transcriptWindow } from "./layout.js";
import {
  type Action,
  type ReviewConfig,
  type Step,
  selectedField,
  stay,
  type UiState,
  withStatus,
} from "./model.js";
import { moveRow, rate, saveRating, setPass, startRating } from "./rating.js";
import { DEFAULT_SCORING, describeVerdict, fieldKind, firstUngraded } from "./view-model.js";

export type { Action, Effect, RatingDraft, ReviewConfig, Status, Step, UiState } from "./model.js";

export const DEFAULT_CONFIG: ReviewConfig = { passRating: 3, scoring: DEFAULT_SCORING };

export function initialState(
  config: ReviewConfig = DEFAULT_CONFIG,
  terminalRows = 24,
  terminalColumns = 80,
): UiState {
  return {
    config,
    case: undefined,
    loading: true,
    done: false,
    closed: false,
    progress: undefined,
    field: 0,
    scroll: 0,
    terminalRows,
    terminalColumns,
    mode: "grade",
    helpReturn: "grade",
    helpScroll: 0,
    editor: EMPTY_EDITOR,
    showKb: false,
    status: undefined,
    rating: { row: 0, drafts: [] },
  };
}

// Back to grading the (re-read) case: editor and rating drafts are done with.
const FRESH: Pick<UiState, "mode" | "editor" | "rating"> = {
  mode: "grade",
  editor: EMPTY_EDITOR,
  rating: { row: 0, drafts: [] },
};

export function reduce(state: UiState, action: Action): Step {
  switch (action.type) {
    case "key": {
      const binding = lookup(state.mode, fieldKind(selectedField(state)), action.press);
      // A key press replaces the last message; "saved ✓" stays until then.
      const cleared: UiState = { ...state, status: undefined };
      if (binding) return applyIntent(cleared, binding.intent(action.press));
      return withStatus(cleared, "info", `${pressLabel(action.press)}: no such key here (? shows every key)`);
    }
    case "loaded": {
      if (!action.case) {
        const done = { ...state, ...FRESH, case: undefined, loading: false, done: true };
        return stay(done, [{ type: "quit" }]);
      }
      const field = Math.max(0, firstUngraded(action.case));
      return stay({ ...state, ...FRESH, case: action.case, loading: false, field, scroll: 0 });
    }
    case "graded": {
      const field = (action.case ?? state.case)?.fields.find((f) => f.itemId === action.input.itemId);
      const saved = `saved ✓ ${field?.field ?? ""}: ${describeVerdict(action.input.verdict)}`;
      const next = { ...state, ...FRESH, case: action.case, status: { tone: "ok" as const, text: saved } };
      const index = action.case?.fields.findIndex((f) => f.itemId === action.input.itemId) ?? -1;
      const open = action.case ? firstUngraded(action.case, index) : -1;
      // The last open field of the case is graded: on to the next case, no confirmation.
      if (open < 0) return stay(next, [{ type: "next" }]);
      return stay({ ...next, field: open });
    }
    case "undone": {
      if (!action.case)
        return withStatus({ ...state, ...FRESH }, "info", "undone ✓ (that case is no longer open)");
      const field = Math.max(
        0,
        action.case.fields.findIndex((f) => f.itemId === action.itemId),
      );
      const moved = action.case.caseId !== state.case?.caseId;
      const back = { ...state, ...FRESH, case: action.case, field, scroll: moved ? 0 : state.scroll };
      return withStatus(back, "ok", `undone ✓ ${action.case.fields[field]?.field ?? ""} is open again`);
    }
    case "nothing-to-undo":
      return withStatus(state, "info", "nothing to undo");
    case "noted":
      return withStatus({ ...state, ...FRESH }, "ok", "note saved ✓");
    case "failed":
      return withStatus(state, "error", action.message);
    case "progress":
      return stay({ ...state, progress: action.progress });
    case "closed":
      return stay({ ...state, closed: true });
    case "resize":
      return stay({
        ...state,
        terminalRows: action.rows,
        terminalColumns: action.columns ?? state.terminalColumns,
      });
  }
}

function scrollHelp(state: UiState, by: number): Step {
  const helpScroll = clampHelpScroll(state.helpScroll + by, state.terminalColumns, state.terminalRows);
  return stay({ ...state, helpScroll });
}

function applyIntent(state: UiState, intent: Intent): Step {
  switch (intent.type) {
    case "pick":
      return pick(state, intent.index);
    case "none":
      return grade(state, { kind: "none" });
    case "start-edit":
      return startText(state, "edit");
    case "start-gold":
      return startText(state, "gold-edit");
    case "start-note":
      return startText(state, "note");
    case "submit":
      return submit(state);
    case "cancel":
      return cancel(state);
    case "start-rate":
      return isFreeTextSelected(state) ? startRating(state) : stay(state);
    case "rate":
      return rate(state, intent.score);
    case "pass":
      return setPass(state, intent.pass);
    case "row":
      return moveRow(state, intent.by);
    case "save-rating":
      return saveRating(state);
    case "skip":
      if (!state.case) return stay(state);
      return withStatus(state, "info", "skipped", [
        { type: "skip", caseId: state.case.caseId },
        { type: "next" },
      ]);
    case "undo":
      return stay(state, [{ type: "undo" }]);
    case "toggle-kb":
      return stay({ ...state, showKb: !state.showKb });
    case "scroll":
      if (state.mode === "help") return scrollHelp(state, intent.by);
      return stay({ ...state, scroll: clampScroll(state, state.scroll + intent.by) });
    case "page":
      if (state.mode === "help") return scrollHelp(state, intent.by * helpWindow(state.terminalRows));
      return stay({
        ...state,
        scroll: clampScroll(state, state.scroll + intent.by * transcriptWindow(state)),
      });
    case "field": {
      const n = state.case?.fields.length ?? 0;
      return n === 0 ? stay(state) : stay({ ...state, field: (state.field + intent.by + n) % n });
    }
    case "help":
      return stay({ ...state, mode: "help", helpReturn: state.mode, helpScroll: 0 });
    case "close-help":
      return stay({ ...state, mode: state.helpReturn });
    case "quit":
      return stay(state, [{ type: "quit" }]);
    case "insert":
      return stay({ ...state, editor: insert(state.editor, intent.text) });
    case "erase":
      return stay({ ...state, editor: erase(state.editor) });
    case "erase-word":
      return stay({ ...state, editor: eraseWord(state.editor) });
    case "cursor":
      return stay({ ...state, editor: moveCursor(state.editor, intent.to) });
    case "clear-line":
      return stay({ ...state, editor: EMPTY_EDITOR });
  }
}

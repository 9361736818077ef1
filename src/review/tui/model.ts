// The shapes of the review screen's state, the actions that change it and the effects it asks for.
import type { z } from "zod";
import type { GradeInput, ReviewCase, ReviewField, ReviewProgress } from "../types.js";
import type { Editor } from "./editor.js";
import type { Mode, Score } from "./keymap.js";
import type { Keypress } from "./keys.js";
import type { ScoringSettings } from "./view-model.js";

export interface Status {
  text: string;
  tone: "ok" | "error" | "info";
}

/** A free-text rating being made: a score, and pass/fail when set by hand (else score ≥ pass rating). */
export interface RatingDraft {
  score?: Score;
  pass?: boolean;
}

export interface ReviewConfig {
  /** A free-text rating at or above this passes unless p/f says otherwise. @default 3 */
  passRating: number;
  scoring: ScoringSettings;
  /** The suite's output schema, when known: typed values must be values of their field. @default none */
  schema?: z.ZodObject;
}

export interface UiState {
  config: ReviewConfig;
  case: ReviewCase | undefined;
  /** True before the first case arrives. */
  loading: boolean;
  /** The queue has nothing left for this reviewer. */
  done: boolean;
  /** The session was closed (quit); the app exits. */
  closed: boolean;
  progress: ReviewProgress | undefined;
  /** Index of the selected field in `case.fields`. */
  field: number;
  /** First transcript row shown (a long turn wraps over several rows). */
  scroll: number;
  terminalRows: number;
  terminalColumns: number;
  mode: Mode;
  /** Where the help screen goes back to. */
  helpReturn: Mode;
  /** First help row shown: on a short terminal the help scrolls. */
  helpScroll: number;
  editor: Editor;
  showKb: boolean;
  status: Status | undefined;
  /** Free-text rating of the selected field: one draft per model answer, and the selected row. */
  rating: { row: number; drafts: RatingDraft[] };
}

export type Effect =
  | { type: "grade"; caseId: string; input: GradeInput }
  | { type: "undo" }
  | { type: "note"; itemId: number; text: string }
  | { type: "skip"; caseId: string }
  | { type: "next" }
  | { type: "quit" };

export type Action =
  | { type: "key"; press: Keypress }
  | { type: "loaded"; case: ReviewCase | undefined }
  /** The grade was written (session.grade returned), and the case re-read. */
  | { type: "graded"; case: ReviewCase | undefined; input: GradeInput }
  | { type: "undone"; case: ReviewCase | undefined; itemId: number }
  | { type: "nothing-to-undo" }
  | { type: "noted" }
  /** The session threw; `message` says what did not happen and why. */
  | { type: "failed"; message: string }
  | { type: "progress"; progress: ReviewProgress }
  | { type: "closed" }
  | { type: "resize"; rows: number; columns?: number };

export interface Step {
  state: UiState;
  effects: Effect[];
}

export function stay(state: UiState, effects: Effect[] = []): Step {
  return { state, effects };
}

export function withStatus(state: UiState, tone: Status["tone"], text: string, effects: Effect[] = []): Step {
  return stay({ ...state, status: { tone, text } }, effects);
}

export function selectedField(state: UiState): ReviewField | undefined {
  return state.case?.fields[state.field];
}

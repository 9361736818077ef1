// Rubric ratings of a free-text field: one score (and pass/fail) per model answer, saved as one grade.
import type { Rating } from "../types.js";
import { grade } from "./grading.js";
import type { Score } from "./keymap.js";
import { type RatingDraft, type Step, selectedField, stay, type UiState, withStatus } from "./model.js";

/** Enters rating mode, starting from this reviewer's current rating of the field if there is one. */
export function startRating(state: UiState): Step {
  const field = selectedField(state);
  if (!field) return withStatus(state, "error", "no field selected");
  const current = field.grade?.kind === "rating" ? field.grade.ratings : {};
  const drafts = field.answers.map((a): RatingDraft => ({ ...current[a.modelId] }));
  return stay({ ...state, mode: "rate", rating: { row: 0, drafts } });
}

/** Scores the selected answer and moves to the next one, so a row of answers is rated with digits alone. */
export function rate(state: UiState, score: Score): Step {
  const started = state.mode === "rate" ? state : startRating(state).state;
  if (started.mode !== "rate") return stay(started);
  const { row, drafts } = started.rating;
  const next = drafts.map((d, i) => (i === row ? { ...d, score } : d));
  return stay({ ...started, rating: { row: Math.min(row + 1, drafts.length - 1), drafts: next } });
}

export function setPass(state: UiState, pass: boolean): Step {
  const { row, drafts } = state.rating;
  return stay({ ...state, rating: { row, drafts: drafts.map((d, i) => (i === row ? { ...d, pass } : d)) } });
}

export function moveRow(state: UiState, by: 1 | -1): Step {
  const n = state.rating.drafts.length;
  if (n === 0) return stay(state);
  return stay({ ...state, rating: { ...state.rating, row: (state.rating.row + by + n) % n } });
}

/** Whether a draft passes: p/f when set, else its score against the pass rating. */
export function passes(draft: RatingDraft, passRating: number): boolean | undefined {
  if (draft.pass !== undefined) return draft.pass;
  return draft.score === undefined ? undefined : draft.score >= passRating;
}

export function saveRating(state: UiState): Step {
  const field = selectedField(state);
  if (!field) return withStatus(state, "error", "no field selected");
  const ratings: Record<string, Rating> = {};
  const missing: string[] = [];
  field.answers.forEach((answer, i) => {
    const draft = state.rating.drafts[i] ?? {};
    if (draft.score === undefined) missing.push(String(i + 1));
    else
      ratings[answer.modelId] = { score: draft.score, pass: passes(draft, state.config.passRating) ?? false };
  });
  if (missing.length > 0) {
    return withStatus(state, "error", `rate every answer first: row ${missing.join(", ")} has no score`);
  }
  return grade(state, { kind: "rating", ratings });
}

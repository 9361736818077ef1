// Grading keys as pure steps: each returns the state to draw and the grade effect for the session to write.
import { fieldType } from "../../config/field-type.js";
import type { Verdict } from "../types.js";
import { EMPTY_EDITOR, editorWith } from "./editor.js";
import { type Step, selectedField, stay, type UiState, withStatus } from "./model.js";
import { parseTyped } from "./validate.js";
import { caseModels, contextFor, editableValue, fieldKind } from "./view-model.js";

/** The effect that writes `verdict` for the selected field; the state changes once it is written. */
export function grade(state: UiState, verdict: Verdict): Step {
  const field = selectedField(state);
  if (!state.case || !field) return withStatus(state, "error", "no field to grade");
  return stay(state, [
    { type: "grade", caseId: state.case.caseId, input: { itemId: field.itemId, verdict } },
  ]);
}

export function pick(state: UiState, index: number): Step {
  const field = selectedField(state);
  if (!state.case || !field) return withStatus(state, "error", "no field to grade");
  const models = caseModels(state.case);
  const modelId = models[index];
  if (modelId === undefined)
    return withStatus(state, "error", `no model ${index + 1}: this case has ${models.length}`);
  const answer = field.answers.find((a) => a.modelId === modelId);
  if (!answer) return withStatus(state, "error", `model ${index + 1} gave no answer for ${field.field}`);
  return grade(state, { kind: "pick", modelId, value: answer.value });
}

/** Opens the line editor: e (value), g (gold, starting from the current gold) or n (note). */
export function startText(state: UiState, mode: "edit" | "gold-edit" | "note"): Step {
  const field = selectedField(state);
  if (!field) return withStatus(state, "error", "no field selected");
  if (mode === "gold-edit" && field.gold === undefined) {
    return withStatus(state, "error", "this field has no gold label: use e to type the right value");
  }
  const editor = mode === "gold-edit" ? editorWith(editableValue(field.gold)) : EMPTY_EDITOR;
  return stay({ ...state, mode, editor });
}

/**
 * Enter in the line editor: a value is checked against the field's type, and a
 * bad one keeps the editor open with the reason. The editor closes only once the
 * session has written the grade or note, so a failed write loses no typing.
 */
export function submit(state: UiState): Step {
  const field = selectedField(state);
  if (!field) return stay({ ...state, mode: "grade", editor: EMPTY_EDITOR });
  if (state.mode === "note") {
    const text = state.editor.text.trim();
    if (text === "") return withStatus({ ...state, mode: "grade" }, "info", "empty note: nothing saved");
    return stay(state, [{ type: "note", itemId: field.itemId, text }]);
  }
  const { schema, scoring } = state.config;
  const type = schema && fieldType(schema, field.field);
  const typed = parseTyped(state.editor.text, field.match, contextFor(state.case, scoring), type);
  if (!typed.ok) return withStatus(state, "error", `invalid: ${typed.message}`);
  if (state.mode === "gold-edit") {
    return grade(state, { kind: "gold", value: typed.value, previousGold: field.gold ?? null });
  }
  return grade(state, { kind: "edit", value: typed.value });
}

/** Esc: leaves the editor or the rating, saving nothing. */
export function cancel(state: UiState): Step {
  const what = state.mode === "rate" ? "rating" : state.mode === "note" ? "note" : "edit";
  return withStatus(
    { ...state, mode: "grade", editor: EMPTY_EDITOR, rating: { row: 0, drafts: [] } },
    "info",
    `${what} cancelled: nothing saved`,
  );
}

export function isFreeTextSelected(state: UiState): boolean {
  return fieldKind(selectedField(state)) === "free-text";
}

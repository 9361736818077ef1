// Runs the reducer's effects against the session, synchronously, and feeds the results back as actions.
import type { ReviewSession } from "../types.js";
import type { Action, Effect, UiState } from "./model.js";
import { reduce } from "./state.js";

// What the reviewer is told when the session throws: nothing that failed may read as saved.
const FAILED: Record<Effect["type"], string> = {
  grade: "not saved",
  note: "note not saved",
  undo: "undo failed",
  skip: "skip failed",
  next: "could not open the next case",
  quit: "could not release the lease",
};

/** Does one effect; a session error comes back as a `failed` action, so nothing unsaved is shown as saved. */
export function perform(session: ReviewSession, effect: Effect): Action[] {
  let actions: Action[];
  try {
    actions = run(session, effect);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failed: Action = { type: "failed", message: `${FAILED[effect.type]}: ${reason}` };
    // Quitting must end the app even when releasing the lease fails.
    return effect.type === "quit" ? [failed, { type: "closed" }] : [failed];
  }
  if (effect.type === "quit") return actions;
  try {
    return [...actions, { type: "progress", progress: session.progress() }];
  } catch {
    return actions;
  }
}

// The grade is written once grade() returns: a failed re-read must not read as "not saved".
function reloadAfterGrade(session: ReviewSession, caseId: string) {
  try {
    return session.reload(caseId);
  } catch {
    return undefined;
  }
}

function run(session: ReviewSession, effect: Effect): Action[] {
  switch (effect.type) {
    case "grade":
      // grade() returns only once the grade is committed; only then is it "saved".
      session.grade(effect.input);
      return [{ type: "graded", case: reloadAfterGrade(session, effect.caseId), input: effect.input }];
    case "undo": {
      const where = session.undo();
      if (!where) return [{ type: "nothing-to-undo" }];
      return [{ type: "undone", case: session.reload(where.caseId), itemId: where.itemId }];
    }
    case "note":
      session.note(effect.itemId, effect.text);
      return [{ type: "noted" }];
    case "skip":
      session.skip(effect.caseId);
      return [];
    case "next":
      return [{ type: "loaded", case: session.next() }];
    case "quit":
      session.close();
      return [{ type: "closed" }];
  }
}

/** Runs `effects` and every effect their results ask for, in order, and returns the state they lead to. */
export function settle(state: UiState, effects: readonly Effect[], session: ReviewSession): UiState {
  const queue = [...effects];
  let current = state;
  for (let effect = queue.shift(); effect; effect = queue.shift()) {
    for (const action of perform(session, effect)) {
      const step = reduce(current, action);
      current = step.state;
      queue.push(...step.effects);
    }
  }
  return current;
}

/** Reduces one action and settles its effects: what the hook does for every key. */
export function dispatch(state: UiState, action: Action, session: ReviewSession): UiState {
  const step = reduce(state, action);
  return settle(step.state, step.effects, session);
}

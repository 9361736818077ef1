// Drives the pure reducer with key names, collecting the effects it asks for.

import type { Effect, Step, UiState } from "../../../src/review/tui/state.js";
import { initialState, reduce } from "../../../src/review/tui/state.js";
import type { ReviewCase } from "../../../src/review/types.js";
import { keys, structuredCase } from "./fixtures.js";

/** The state right after `reviewCase` arrived from the session, on a terminal of `rows` rows. */
export function start(reviewCase: ReviewCase = structuredCase(), rows = 40): UiState {
  return reduce(initialState(undefined, rows), { type: "loaded", case: reviewCase }).state;
}

/** Presses each key in turn; returns the final state and every effect asked for on the way. */
export function press(state: UiState, ...names: string[]): Step {
  let current = state;
  const effects: Effect[] = [];
  for (const action of keys(...names)) {
    const step = reduce(current, action);
    current = step.state;
    effects.push(...step.effects);
  }
  return { state: current, effects };
}

// The only stateful piece: holds the UI state, feeds it key presses, and runs its effects on the session.
import { useApp, useInput, useStdout } from "ink";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ReviewSession } from "../types.js";
import { dispatch, settle } from "./effects.js";
import type { Mode } from "./keymap.js";
import { toKeypress } from "./keys.js";
import type { Action, ReviewConfig, UiState } from "./model.js";
import { initialState } from "./state.js";

const TEXT_MODES: ReadonlySet<Mode> = new Set(["edit", "note", "gold-edit"]);

export function useReview(session: ReviewSession, config: ReviewConfig): UiState {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [state, setState] = useState(() => initialState(config, stdout.rows ?? 24));
  // Effects run synchronously between key presses; the ref is the state they see.
  const current = useRef(state);
  const commit = useCallback((next: UiState) => {
    current.current = next;
    setState(next);
  }, []);
  const send = useCallback(
    (action: Action) => commit(dispatch(current.current, action, session)),
    [commit, session],
  );

  useEffect(() => {
    commit(settle(current.current, [{ type: "next" }], session));
  }, [commit, session]);

  useEffect(() => {
    const onResize = () => send({ type: "resize", rows: stdout.rows ?? 24 });
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout, send]);

  useInput(
    (input, key) => {
      const press = toKeypress(input, key);
      if (!press) return;
      // Keys typed faster than a frame arrive as one chunk ("1111"). Outside the line editor each is its
      // own command, applied in order with its effects; inside it, the chunk is typed or pasted text.
      const typing = TEXT_MODES.has(current.current.mode);
      if (press.text !== undefined && press.text.length > 1 && !typing) {
        for (const char of press.text) send({ type: "key", press: { text: char } });
      } else send({ type: "key", press });
    },
    { isActive: !state.closed },
  );

  useEffect(() => {
    if (state.closed) exit();
  }, [state.closed, exit]);

  return state;
}

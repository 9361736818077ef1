// The only stateful piece: holds the UI state, feeds it key presses, and runs its effects on the session.
import { useApp, useInput, useStdout } from "ink";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ReviewSession } from "../types.js";
import { dispatch, settle } from "./effects.js";
import type { Mode } from "./keymap.js";
import { splitChunk, toKeypress } from "./keys.js";
import type { Action, ReviewConfig, UiState } from "./model.js";
import { initialState } from "./state.js";

const TEXT_MODES: ReadonlySet<Mode> = new Set(["edit", "note", "gold-edit"]);

export function useReview(session: ReviewSession, config: ReviewConfig): UiState {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [state, setState] = useState(() => initialState(config, stdout.rows ?? 24, stdout.columns ?? 80));
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
    const onResize = () => send({ type: "resize", rows: stdout.rows ?? 24, columns: stdout.columns ?? 80 });
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout, send]);

  useInput(
    (input, key) => {
      const press = toKeypress(input, key);
      if (!press) return;
      // Keys typed faster than a frame arrive as one chunk ("1111", "99\u00155"): each is applied in order.
      const queue = press.text !== undefined && press.text.length > 1 ? splitChunk(press.text) : [press];
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const typing = TEXT_MODES.has(current.current.mode);
        const chars = next.text === undefined ? [] : [...next.text];
        // Outside the line editor each character is its own command (one may open the editor: the rest is
        // then typed); inside it, a run of text is typed or pasted at once.
        if (!typing && chars.length > 1) {
          queue.unshift(...chars.map((char) => (char === "\t" ? { name: "<tab>" } : { text: char })));
          continue;
        }
        send({ type: "key", press: next });
        // Enter saved the value: what came after it in the chunk must not go on to grade the next field.
        if (typing && !TEXT_MODES.has(current.current.mode)) break;
      }
    },
    { isActive: !state.closed },
  );

  useEffect(() => {
    if (state.closed) exit();
  }, [state.closed, exit]);

  return state;
}

// Ctrl-C and SIGTERM (a cancelled CI job) stop a command the same way, whatever it is doing at the time:
// the first asks it to stop (calls in flight end, what finished is stored); if it is still busy after a
// grace period (blocked on a named pipe, say), or a second signal comes, the process ends at once. Nothing is
// lost either way: every call and grade was stored in its own transaction when it ended.

import { exitNow } from "./main.js";
import { warn } from "./output.js";

const GRACE_MS = 5_000;
const EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export interface Stopper {
  signal: AbortSignal;
  /** Stops listening; call when the command is done. */
  release(): void;
}

/**
 * Listens for SIGINT and SIGTERM for the command's lifetime. `hint` is printed when the process has to end
 * before the command could finish (e.g. how to resume).
 */
export function stopOnSignal(hint: () => string, graceMs = GRACE_MS): Stopper {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const force = (signal: string, why: string) => {
    warn(`callgrade: ${why}; stopped. What finished is stored. ${hint()}\n`);
    exitNow(EXIT_CODES[signal] ?? 1);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) force(signal, `${signal} again`);
    warn("\nstopping: waiting for calls in flight to end…\n");
    controller.abort(signal);
    timer = setTimeout(() => force(signal, `still busy ${graceMs / 1000} s after ${signal}`), graceMs);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    release() {
      if (timer) clearTimeout(timer);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

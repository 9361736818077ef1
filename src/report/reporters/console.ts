import { renderConsole } from "../console.js";
import { renderGateConsole } from "../gate-console.js";
import type { Reporter } from "../reporter.js";

/** The table at the end of a run, or the gate's verdict and checks. */
export const consoleReporter: Reporter = {
  name: "console",
  onReport(data, out) {
    out.print(data.gate ? renderGateConsole(data.gate) : renderConsole(data.summary));
  },
};

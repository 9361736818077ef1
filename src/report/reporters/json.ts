import type { Reporter } from "../reporter.js";

/** summary.json: the contract other tools read (see docs/summary-json.md). */
export const jsonReporter: Reporter = {
  name: "json",
  onReport({ summary }, out) {
    out.file("summary.json", `${JSON.stringify(summary, null, 2)}\n`);
  },
};

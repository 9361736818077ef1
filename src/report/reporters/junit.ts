import { renderJunit } from "../junit.js";
import type { Reporter } from "../reporter.js";

/** junit.xml, one test case per gate check, for CI systems that show test results; only with a gate. */
export const junitReporter: Reporter = {
  name: "junit",
  onReport({ summary, gate }, out) {
    if (gate) out.file("junit.xml", renderJunit(summary, gate));
  },
};

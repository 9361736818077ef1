import { renderHtmlParts } from "../html/index.js";
import type { Reporter } from "../reporter.js";

/** report.html: one self-contained page with charts, no network. */
export const htmlReporter: Reporter = {
  name: "html",
  onReport(data, out) {
    out.file("report.html", renderHtmlParts(data));
  },
};

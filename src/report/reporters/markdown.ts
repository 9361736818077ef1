import type { ReportData } from "../../summary/report-data-types.js";
import { renderGateMarkdown } from "../gate-markdown.js";
import { renderMarkdown } from "../markdown.js";
import type { Reporter } from "../reporter.js";

/** With a gate, the pull-request summary leads: the verdict and the fields that moved come first. */
export function reportMarkdown({ summary, gate }: ReportData): string {
  return gate
    ? `${renderGateMarkdown(summary, gate)}\n---\n\n${renderMarkdown(summary)}`
    : renderMarkdown(summary);
}

export const markdownReporter: Reporter = {
  name: "markdown",
  onReport(data, out) {
    out.file("report.md", reportMarkdown(data));
  },
};

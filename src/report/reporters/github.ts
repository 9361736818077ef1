import type { Reporter } from "../reporter.js";
import { reportMarkdown } from "./markdown.js";

/** On GitHub Actions, the gate's report.md on the workflow run's page ($GITHUB_STEP_SUMMARY). */
export const githubReporter: Reporter = {
  name: "github",
  onReport(data, out) {
    const file = out.env.GITHUB_STEP_SUMMARY;
    if (data.gate && file) out.append(file, reportMarkdown(data));
  },
};

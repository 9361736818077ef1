// The built-in reporters by name: a new format is one file and one line here.
import type { Reporter } from "../reporter.js";
import { consoleReporter } from "./console.js";
import { githubReporter } from "./github.js";
import { htmlReporter } from "./html.js";
import { jsonReporter } from "./json.js";
import { junitReporter } from "./junit.js";
import { markdownReporter } from "./markdown.js";

export const BUILTIN_REPORTERS: Readonly<Record<string, Reporter>> = {
  console: consoleReporter,
  json: jsonReporter,
  markdown: markdownReporter,
  html: htmlReporter,
  junit: junitReporter,
  github: githubReporter,
};

/** What the CLI writes when no --reporter is given. */
export const DEFAULT_REPORTERS = ["console", "json", "markdown", "html", "junit", "github"] as const;

export { consoleReporter, githubReporter, htmlReporter, jsonReporter, junitReporter, markdownReporter };

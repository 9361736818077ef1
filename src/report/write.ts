// Writes a run's report files; one renderer per format.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CallgradeError } from "../core/errors.js";
import type { RunSummary } from "../core/summary.js";
import { renderMarkdown } from "./markdown.js";

const RENDERERS: Record<string, (summary: RunSummary) => string> = {
  "summary.json": (summary) => `${JSON.stringify(summary, null, 2)}\n`,
  "report.md": renderMarkdown,
};

/** Writes every report into `dir`; each file appears whole or not at all (write, then rename). */
export function writeReports(dir: string, summary: RunSummary): string[] {
  try {
    mkdirSync(dir, { recursive: true });
    return Object.entries(RENDERERS).map(([name, render]) => {
      const file = path.join(dir, name);
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, render(summary));
      renameSync(temp, file);
      return file;
    });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CallgradeError(
      "USAGE",
      `${dir}: cannot write the report (${reason}); pass --out DIR with a writable folder`,
    );
  }
}

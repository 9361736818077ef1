// Writes a run's report files; one renderer per format.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CallgradeError } from "../core/errors.js";
import { renderGateMarkdown } from "./gate-markdown.js";
import type { HtmlReportData } from "./html/data.js";
import { renderHtml } from "./html/index.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";

type Renderer = (data: HtmlReportData) => string | undefined;

const RENDERERS: Record<string, Renderer> = {
  "summary.json": ({ summary }) => `${JSON.stringify(summary, null, 2)}\n`,
  // With a gate, the pull-request summary leads: the verdict and the fields that moved come first.
  "report.md": ({ summary, gate }) =>
    gate
      ? `${renderGateMarkdown(summary, gate)}\n---\n\n${renderMarkdown(summary)}`
      : renderMarkdown(summary),
  "report.html": renderHtml,
  "junit.xml": ({ summary, gate }) => (gate ? renderJunit(summary, gate) : undefined),
};

/** Writes every report into `dir`; each file appears whole or not at all (write, then rename). */
export function writeReports(dir: string, data: HtmlReportData): string[] {
  try {
    mkdirSync(dir, { recursive: true });
    const written: string[] = [];
    for (const [name, render] of Object.entries(RENDERERS)) {
      const content = render(data);
      if (content === undefined) continue;
      written.push(writeAtomic(path.join(dir, name), content));
    }
    return written;
  } catch (error) {
    if (error instanceof CallgradeError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CallgradeError(
      "USAGE",
      `${dir}: cannot write the report (${reason}); pass --out DIR with a writable folder`,
    );
  }
}

export function writeAtomic(file: string, content: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
  return file;
}

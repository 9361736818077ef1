// Writes a run's report files; one renderer per format.
import { accessSync, constants, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
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
    // Only a file-system failure is the folder's fault; anything else is a bug to report as one.
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof CallgradeError || typeof code !== "string") throw error;
    throw cannotWrite(dir, code);
  }
}

function cannotWrite(dir: string, reason: string): CallgradeError {
  return new CallgradeError(
    "USAGE",
    `${dir}: cannot write the report (${reason}); pass --out DIR with a writable folder`,
  );
}

/**
 * Throws unless `dir` can be made and written: the nearest folder on its path that exists must be a folder
 * this process may write to. Checked before a run, so a bad --out fails before any paid call.
 */
export function assertWritableDir(dir: string): void {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(at).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === "ENOENT" || code === "ENOTDIR") && path.dirname(at) !== at) continue;
      throw cannotWrite(dir, code ?? String(error));
    }
    if (!isDirectory) throw cannotWrite(dir, `ENOTDIR: ${at} is a file, not a folder`);
    try {
      accessSync(at, constants.W_OK);
    } catch (error) {
      throw cannotWrite(dir, `${(error as NodeJS.ErrnoException).code ?? "EACCES"}: ${at} is not writable`);
    }
    return;
  }
}

export function writeAtomic(file: string, content: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
  return file;
}

// Hands a run's report data to the chosen reporters and does their writing: every report file appears whole
// or not at all, and a folder that cannot be written is one clear error, not a stack.
import { accessSync, appendFileSync, constants, statSync } from "node:fs";
import path from "node:path";
import { writeAtomic } from "../core/atomic-write.js";
import { CallgradeError } from "../core/errors.js";
import type { Reporter, ReportOutput } from "../report/reporter.js";
import type { ReportData } from "../summary/report-data-types.js";

export interface EmitOptions {
  /** The folder report files go into. */
  dir: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Where reporters' text for the terminal goes. @default nowhere */
  print?: (text: string) => void;
}

/** Runs each reporter's `onReport` in order; returns the files they wrote. */
export async function emitReport(
  reporters: readonly Reporter[],
  data: ReportData,
  options: EmitOptions,
): Promise<string[]> {
  const written: string[] = [];
  const out: ReportOutput = {
    dir: options.dir,
    env: options.env ?? {},
    file(name, content) {
      const file = path.join(options.dir, name);
      written.push(writeReportFile(options.dir, file, content));
      return file;
    },
    append(file, content) {
      try {
        appendFileSync(file, content.endsWith("\n") ? content : `${content}\n`, "utf8");
      } catch (error) {
        const variable = Object.entries(out.env).find(([, value]) => value === file)?.[0];
        const reason = error instanceof Error ? error.message : String(error);
        throw new CallgradeError(
          "USAGE",
          `${variable ? `${variable}=` : ""}${file}: cannot append the report: ${reason}`,
        );
      }
      written.push(file);
      return file;
    },
    print: options.print ?? (() => {}),
  };
  for (const reporter of reporters) await reporter.onReport?.(data, out);
  return written;
}

function writeReportFile(dir: string, file: string, content: string): string {
  try {
    return writeAtomic(file, content);
  } catch (error) {
    // Only a file-system failure is the folder's fault; anything else is a bug to report as one.
    const code = error instanceof Error ? Reflect.get(error, "code") : undefined;
    if (typeof code !== "string") throw error;
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

// Hands a run's report data to the chosen reporters and does their writing: every report file appears whole
// or not at all, a folder that cannot be written is one clear error, not a stack, and a folder that holds
// anything but callgrade's reports is not written into unless the user says so.
import { accessSync, appendFileSync, constants, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { writeAtomic } from "../core/atomic-write.js";
import { CallgradeError, type NextStep, StorageError, storageFailure } from "../core/errors.js";
import { inert } from "../core/inert.js";
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
  // A disk that fills under the reports: the run is stored, and writing its reports again is all it takes.
  const next: NextStep | undefined = data.gate
    ? undefined
    : { say: "write them again with", args: ["report", data.summary.runId, "--out", options.dir] };
  let marked: Set<string> | undefined;
  const out: ReportOutput = {
    dir: options.dir,
    env: options.env ?? {},
    file(name, content) {
      const file = path.join(options.dir, name);
      // The folder's marker names the file before the file exists: a folder callgrade wrote into, even one
      // a kill cut short, holds nothing the marker does not account for.
      marked ??= markedNames(options.dir);
      const entry = topEntry(name);
      if (!marked.has(entry)) {
        marked.add(entry);
        writeReportFile(options.dir, path.join(options.dir, REPORT_MARKER), markerText(marked), next);
      }
      written.push(writeReportFile(options.dir, file, content, next));
      return file;
    },
    append(file, content) {
      try {
        appendFileSync(file, content.endsWith("\n") ? content : `${content}\n`, "utf8");
      } catch (error) {
        const failure = storageFailure(error);
        if (failure)
          throw new StorageError(file, failure, { target: "the report", kept: "the run is stored" });
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

/** Writes a file the user named (junit.xml) with the same failures as a report file's. */
export function writeOutputFile(file: string, content: string): string {
  return writeReportFile(path.dirname(file), file, content, undefined);
}

function writeReportFile(
  dir: string,
  file: string,
  content: string | Iterable<string>,
  next: NextStep | undefined,
): string {
  try {
    return writeAtomic(file, content);
  } catch (error) {
    // A full or failing disk is not the folder's fault (exit 4); other file-system failures are (exit 2);
    // anything else is a bug to report as one.
    const failure = storageFailure(error);
    if (failure && failure.kind !== "read-only") {
      throw new StorageError(dir, failure, { target: "the report", kept: "the run is stored" }, next);
    }
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

/** The file callgrade writes into every report folder: it names the files callgrade put there. */
export const REPORT_MARKER = ".callgrade-report";

/** What the built-in reporters write, recognised in a folder written before the marker existed. */
const REPORT_FILES = ["summary.json", "report.md", "report.html", "junit.xml", "gold.jsonl"];
// Left by the system's file browser, not by anyone who meant the folder for something else.
const LITTER = [".DS_Store", "Thumbs.db"];
// A temporary file of an atomic write a kill cut short: `report.html.1234.tmp`.
const TEMP = /^(.+)\.\d+\.tmp$/;

/**
 * Throws unless `dir` may receive report files: a folder that does not exist yet, an empty one, or one that
 * holds only callgrade's reports (the built-in ones, and whatever the folder's marker file says callgrade
 * wrote there). Anything else is someone's folder: it is refused with exit 2, naming one foreign entry, unless
 * `force` says to write into it anyway. Call it before a run starts (a refusal then costs no call).
 * @example assertReportFolder(path.resolve(cwd, options.out), { force: options.force === true });
 */
export function assertReportFolder(dir: string, options: { force?: boolean } = {}): void {
  if (options.force) return;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return;
    throw cannotWrite(
      dir,
      code === "ENOTDIR" ? `ENOTDIR: ${dir} is a file, not a folder` : (code ?? String(error)),
    );
  }
  const own = new Set([...REPORT_FILES, ...LITTER, REPORT_MARKER, ...markedNames(dir)]);
  const foreign = entries.sort().find((entry) => !own.has(entry) && !own.has(TEMP.exec(entry)?.[1] ?? ""));
  if (foreign === undefined) return;
  throw new CallgradeError(
    "USAGE",
    `${dir}: not a callgrade report folder (it holds ${inert(JSON.stringify(foreign))}); pass --out with a new or empty folder, or pass --force to write into it anyway`,
  );
}

/** The entries the folder's marker says callgrade wrote; none when there is no marker. */
function markedNames(dir: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path.join(dir, REPORT_MARKER), "utf8");
  } catch {
    return new Set();
  }
  return new Set(
    text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#")),
  );
}

function markerText(names: ReadonlySet<string>): string {
  return `# callgrade wrote the report files below into this folder, and writes into it again without --force.\n${[...names].sort().join("\n")}\n`;
}

/** A reporter's file name as the folder lists it: `charts/a.svg` is the entry `charts`. */
const topEntry = (name: string) => path.normalize(name).split(path.sep)[0] ?? name;

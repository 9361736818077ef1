// Errors meant for people: a stable code, and a message that says what to fix.
import { shellQuote } from "./shell-quote.js";

export type ErrorCode =
  | "CONFIG_NOT_FOUND"
  | "CONFIG_INVALID"
  | "DATASET_INVALID"
  | "PROMPT_INVALID"
  | "REPLAY_INVALID"
  | "STORE_INVALID"
  | "RUN_NOT_FOUND"
  | "STORAGE"
  | "BATCH"
  | "USAGE";

export class CallgradeError extends Error {
  readonly code: ErrorCode;
  /** Exit code for the CLI: 2 is a usage or input error. */
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, exitCode = 2) {
    super(message);
    this.name = "CallgradeError";
    this.code = code;
    this.exitCode = exitCode;
  }
}

/**
 * Exit code of a disk that failed under callgrade (full, read-only, failing): what was stored is intact, and the
 * same command (or a resume) completes once the disk is mended.
 */
export const STORAGE_EXIT_CODE = 4;

/** A disk failure in words: what happened, and what the user does about it. */
export interface StorageFailure {
  kind: "full" | "read-only" | "failing";
  /** The code as the system or SQLite gave it: `ENOSPC`, `SQLITE_FULL`, ... */
  code: string;
  /** "the disk is full", ... */
  what: string;
  /** "free space on it", ... */
  fix: string;
}

const FULL = { kind: "full", what: "the disk is full", fix: "free space on it" } as const;
const QUOTA = {
  kind: "full",
  what: "the disk quota is used up",
  fix: "free space or raise the quota",
} as const;
const READ_ONLY = { kind: "read-only", what: "it is read-only", fix: "make it writable" } as const;
const FAILING = { kind: "failing", what: "the disk failed to read or write", fix: "check the disk" } as const;

/**
 * What went wrong when `error` is a disk's failure rather than a bug or bad input: errno codes from node:fs,
 * and the result codes better-sqlite3 gives (an extended code such as `SQLITE_IOERR_WRITE` counts as its
 * primary one). Undefined for anything else.
 */
export function storageFailure(error: unknown): StorageFailure | undefined {
  const code = error instanceof Error ? Reflect.get(error, "code") : undefined;
  if (typeof code !== "string") return undefined;
  const kind =
    code === "ENOSPC" || code === "SQLITE_FULL"
      ? FULL
      : code === "EDQUOT"
        ? QUOTA
        : code === "EROFS" || code === "SQLITE_READONLY" || code.startsWith("SQLITE_READONLY_")
          ? READ_ONLY
          : code === "EIO" || code === "SQLITE_IOERR" || code.startsWith("SQLITE_IOERR_")
            ? FAILING
            : undefined;
  return kind && { code, ...kind };
}

/** The callgrade command that goes on once the disk is mended: "resume with", ["run", "--resume", id]. */
export interface NextStep {
  say: string;
  args: readonly string[];
}

/**
 * A disk that failed under a write (full, read-only, failing), with exit code 4: what happened, to which file or
 * folder, that what was written before is intact, and what to do. `next` is there for a caller that prints
 * the command with the user's --config and --store; without it, the same command is run again.
 */
export class StorageError extends CallgradeError {
  /** What happened and what is safe, without the closing "then <command>". */
  readonly problem: string;

  constructor(
    readonly path: string,
    readonly failure: StorageFailure,
    /** What was being written and what is safe: "the store", "what was stored is intact". */
    what: { target: string; kept: string },
    readonly next?: NextStep,
  ) {
    const problem = `${path}: cannot write ${what.target}: ${failure.what} (${failure.code}); ${what.kept}. ${capitalise(failure.fix)}`;
    super("STORAGE", `${problem}, then ${StorageError.nextStep(next)}`, STORAGE_EXIT_CODE);
    this.name = "StorageError";
    this.problem = problem;
  }

  /** The message with the next step as `command` (the CLI's, carrying the user's --config and --store). */
  withCommand(command: string): string {
    return this.next ? `${this.problem}, then ${this.next.say}: ${command}` : this.message;
  }

  private static nextStep(next: NextStep | undefined): string {
    return next
      ? `${next.say}: ${["npx", "callgrade", ...next.args].map(shellQuote).join(" ")}`
      : "run the same command again";
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `file:line:column` as editors and terminals link it. */
export function location(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** An input error that names where it is: `file:line: field: what is wrong`. */
export function inputError(
  code: ErrorCode,
  where: { file: string; line?: number; column?: number; field?: string },
  problem: string,
): CallgradeError {
  const field = where.field ? `${where.field}: ` : "";
  return new CallgradeError(code, `${location(where.file, where.line, where.column)}: ${field}${problem}`);
}

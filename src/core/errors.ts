// Errors meant for people: a stable code, and a message that says what to fix.

export type ErrorCode =
  | "CONFIG_NOT_FOUND"
  | "CONFIG_INVALID"
  | "DATASET_INVALID"
  | "PROMPT_INVALID"
  | "REPLAY_INVALID"
  | "STORE_INVALID"
  | "RUN_NOT_FOUND"
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

// Opening a dataset file, with file-system failures turned into messages for people.
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { CallgradeError, inputError } from "../core/errors.js";
import { assertRegularFile } from "../core/regular-file.js";

function hasCode(error: unknown): error is { code: string } {
  return typeof error === "object" && error !== null && typeof Reflect.get(error, "code") === "string";
}

export function fsError(file: string, error: unknown): CallgradeError {
  if (error instanceof CallgradeError) return error;
  const code = hasCode(error) ? error.code : undefined;
  const problem =
    code === "ENOENT"
      ? "file not found; check the dataset path in the config (a relative path starts at the config file's folder)"
      : code === "EISDIR"
        ? "is a directory; the dataset must be a .jsonl or .csv file"
        : code === "EACCES" || code === "EPERM"
          ? "cannot be read (permission denied); check the file's permissions"
          : code === "ENOTREG"
            ? "is not a regular file (a named pipe, socket or device); the dataset must be a .jsonl or .csv file"
            : `cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  return inputError("DATASET_INVALID", { file }, problem);
}

/**
 * A byte stream of the file; rejects with a CallgradeError when it cannot be opened. Only a regular file:
 * opening a named pipe blocks until something writes to it, and a blocked open cannot be interrupted, not
 * even by the process exiting (a cancelled CI job would hang).
 */
export async function openDataset(file: string): Promise<Readable> {
  try {
    await assertRegularFile(file);
    const handle = await open(file, "r");
    return handle.createReadStream({ highWaterMark: 64 * 1024 });
  } catch (error) {
    throw fsError(file, error);
  }
}

import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes `content` to `file` whole or not at all: into a temporary file beside it, then renamed over it. A
 * failed write (a full disk) removes its temporary file, so nothing half-written is left behind.
 */
export function writeAtomic(file: string, content: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The disk refuses even that (it went read-only): the write's own error is the one to report.
    }
    throw error;
  }
  return file;
}

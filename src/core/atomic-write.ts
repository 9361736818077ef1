import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";

/** Parts are gathered this many bytes at a time: few writes, and no copy of a large file's whole text. */
const WRITE_BYTES = 1 << 18;

/**
 * Writes `content` to `file` whole or not at all: into a temporary file beside it, then renamed over it. A
 * failed write (a full disk) removes its temporary file, so nothing half-written is left behind. Content in
 * parts (a report of megabytes) is written as it is, without joining it into one string first.
 */
export function writeAtomic(file: string, content: string | Iterable<string>): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    if (typeof content === "string") writeFileSync(temp, content);
    else writeParts(temp, content);
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

function writeParts(file: string, parts: Iterable<string>): void {
  const fd = openSync(file, "w");
  try {
    const buffer = Buffer.allocUnsafe(WRITE_BYTES);
    let used = 0;
    // writeSync may write less than it was given: what is left is written on.
    const write = (bytes: Uint8Array) => {
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    };
    for (const part of parts) {
      // A UTF-16 unit is at most 3 bytes of UTF-8: a part that may not fit waits for an emptied buffer.
      if (part.length * 3 > WRITE_BYTES - used) {
        write(buffer.subarray(0, used));
        used = 0;
        if (part.length * 3 > WRITE_BYTES) {
          write(Buffer.from(part, "utf8"));
          continue;
        }
      }
      used += buffer.write(part, used, "utf8");
    }
    write(buffer.subarray(0, used));
  } finally {
    closeSync(fd);
  }
}

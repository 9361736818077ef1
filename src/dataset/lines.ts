// Splits a byte stream into blocks of whole lines and decodes each as strict UTF-8, so a
// bad byte is reported with its line instead of silently becoming U+FFFD.
import { inputError } from "../core/errors.js";
import { fsError } from "./open.js";

export interface Block {
  /** 1-based number of the block's first physical line. */
  firstLine: number;
  /** Whole lines, each ending in "\n" (or "\r\n"), except perhaps the file's last line. */
  text: string;
}

const NEWLINE = 0x0a;

const strict = () => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Column (in characters) where the first invalid UTF-8 sequence of `bytes` starts. */
export function invalidColumn(bytes: Uint8Array): number {
  const fails = (n: number): boolean => {
    try {
      strict().decode(bytes.subarray(0, n), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  // Streaming decode holds back an incomplete tail, so failure is monotonic in n.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (fails(mid + 1)) high = mid;
    else low = mid + 1;
  }
  return strict().decode(bytes.subarray(0, low), { stream: true }).length + 1;
}

function decodeBlock(file: string, firstLine: number, bytes: Buffer): string {
  try {
    const text = strict().decode(bytes);
    return firstLine === 1 && text.startsWith("\uFEFF") ? text.slice(1) : text;
  } catch {
    // Rare path: find the line, then the column.
    let line = firstLine;
    for (let start = 0; start < bytes.length; line += 1) {
      const end = bytes.indexOf(NEWLINE, start);
      const lineBytes = bytes.subarray(start, end === -1 ? bytes.length : end + 1);
      try {
        strict().decode(lineBytes);
      } catch {
        throw inputError(
          "DATASET_INVALID",
          { file, line, column: invalidColumn(lineBytes) },
          "is not valid UTF-8; save the file as UTF-8 (it may be Shift_JIS, Latin-1 or binary)",
        );
      }
      start = end === -1 ? bytes.length : end + 1;
    }
    throw inputError(
      "DATASET_INVALID",
      { file, line: firstLine },
      "is not valid UTF-8; save the file as UTF-8",
    );
  }
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count += 1;
  return count;
}

/**
 * Only the unfinished last line of a chunk is carried over; it may not grow past
 * `maxLineBytes`, so a runaway line is never buffered whole.
 */
export async function* readBlocks(
  chunks: AsyncIterable<Buffer>,
  file: string,
  maxLineBytes: number,
  tooLong: string,
): AsyncGenerator<Block> {
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let line = 1;
  const keep = (part: Buffer): void => {
    carry.push(part);
    carryBytes += part.length;
    if (carryBytes > maxLineBytes) {
      throw inputError("DATASET_INVALID", { file, line }, `line is over ${maxLineBytes} bytes; ${tooLong}`);
    }
  };
  try {
    for await (const chunk of chunks) {
      const last = chunk.lastIndexOf(NEWLINE);
      if (last === -1) {
        keep(chunk);
        continue;
      }
      const bytes =
        carry.length === 0
          ? chunk.subarray(0, last + 1)
          : Buffer.concat([...carry, chunk.subarray(0, last + 1)]);
      carry = [];
      carryBytes = 0;
      yield { firstLine: line, text: decodeBlock(file, line, bytes) };
      line += countNewlines(bytes);
      if (last + 1 < chunk.length) keep(chunk.subarray(last + 1));
    }
  } catch (error) {
    throw fsError(file, error);
  }
  if (carryBytes > 0) yield { firstLine: line, text: decodeBlock(file, line, Buffer.concat(carry)) };
}

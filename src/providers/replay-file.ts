// A replay file: its rows' format, and where each case's line lies, checked whole once and read back on demand.
import { type FileHandle, open } from "node:fs/promises";
import { z } from "zod";
import { CallgradeError, inputError } from "../core/errors.js";
import type { Usage } from "../core/types.js";
import { invalidColumn } from "../dataset/lines.js";
import { parseRecordLine } from "../dataset/record-line.js";
import { LineTable } from "./line-table.js";

const usageShape = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative().default(0),
});

const rowShape = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  output: z.unknown(),
  latencyMs: z.number().nonnegative().optional(),
  usage: usageShape.optional(),
});

export interface Recorded {
  text: string;
  usage: Usage;
  latencyMs?: number;
}

const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };

const FORMAT = {
  code: "REPLAY_INVALID",
  row: '{ "id": ..., "output": ... }',
  shape: rowShape,
  required: { id: "missing", output: "missing: give the parsed object or the raw model text" },
} as const;

export function parseLine(file: string, line: number, text: string): { id: string; recorded: Recorded } {
  const { id, output, latencyMs, usage } = parseRecordLine(file, line, text, FORMAT);
  const recorded: Recorded = {
    text: typeof output === "string" ? output : JSON.stringify(output),
    usage: usage ?? NO_USAGE,
    ...(latencyMs === undefined ? {} : { latencyMs }),
  };
  return { id, recorded };
}

/** Where each case's line lies in the file: its output is read from there when the call comes. */
export interface ReplayIndex {
  file: string;
  lines: LineTable;
}

const NEWLINE = 0x0a;
// 64 KB, one buffer reused: larger, per-chunk buffers raised glibc's mmap threshold and stayed resident
// (a 100,000-row replay kept ~15 MB it no longer used; npm run bench, memory).
const CHUNK = 64 * 1024;

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A line's text; a bad byte is an error naming line and column, as in a dataset, not a silent U+FFFD. */
function decodeLine(file: string, line: number, bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    throw inputError(
      "REPLAY_INVALID",
      { file, line, column: invalidColumn(bytes) },
      "is not valid UTF-8; save the file as UTF-8 (it may be Latin-1 or binary)",
    );
  }
}

/**
 * Every line of the file with its byte offset, read a chunk at a time: a large file is never whole in memory.
 * `bytes` is a view of a reused buffer, valid until the next line is asked for.
 */
async function* linesOf(file: string): AsyncGenerator<{ bytes: Uint8Array; offset: number; length: number }> {
  const handle = await open(file, "r");
  try {
    let buffer = Buffer.allocUnsafe(CHUNK);
    // Bytes at the front of `buffer` carried from the last read (an unfinished line), and where they start.
    let filled = 0;
    let base = 0;
    for (let position = 0; ; ) {
      // A line longer than the buffer: grow it (rare), keeping what is carried.
      if (filled === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
      position += bytesRead;
      const end = filled + bytesRead;
      let start = 0;
      for (let newline = buffer.indexOf(NEWLINE); newline !== -1 && newline < end; ) {
        yield { bytes: buffer.subarray(start, newline), offset: base + start, length: newline - start };
        start = newline + 1;
        newline = buffer.indexOf(NEWLINE, start);
      }
      if (bytesRead === 0) {
        if (end > start)
          yield { bytes: buffer.subarray(start, end), offset: base + start, length: end - start };
        return;
      }
      buffer.copy(buffer, 0, start, end);
      filled = end - start;
      base += start;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads and checks the whole file once, so a bad line stops the run before any call is made; then keeps only
 * where each line is, not the outputs: replaying 100,000 production calls must not hold them all in memory.
 */
export async function loadReplay(file: string): Promise<ReplayIndex> {
  const lines = new LineTable();
  let line = 0;
  let handle: FileHandle | undefined;
  try {
    for await (const { bytes, offset, length } of linesOf(file)) {
      line++;
      const text = decodeLine(file, line, bytes);
      if (text.trim() === "") continue;
      const { id } = parseLine(file, line, text);
      // Ids are not kept: one that hashes like an earlier row is compared with that row's line, read again.
      for (const earlier of lines.candidates(id)) {
        handle ??= await open(file, "r");
        if (idAt(await readLine(handle, earlier), file) === id) {
          throw inputError("REPLAY_INVALID", { file, line, field: "id" }, `duplicate id "${id}"`);
        }
      }
      lines.add(id, offset, length);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof CallgradeError || typeof code !== "string") throw error;
    const reason = code === "ENOENT" ? "not found" : `cannot be read (${code})`;
    throw inputError(
      "REPLAY_INVALID",
      { file },
      `replay file ${reason}; check the replay model's \`path\` in the config (a relative path starts at the config file's folder)`,
    );
  } finally {
    await handle?.close();
  }
  return { file, lines };
}

export async function readLine(handle: FileHandle, at: { offset: number; length: number }): Promise<string> {
  const bytes = Buffer.allocUnsafe(at.length);
  const { bytesRead } = await handle.read(bytes, 0, at.length, at.offset);
  return bytes.toString("utf8", 0, bytesRead);
}

function idAt(text: string, file: string): string {
  return parseLine(file, 0, text).id;
}

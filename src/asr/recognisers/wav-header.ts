// Checks a file is a WAV the 16 kHz pocketsphinx model can decode, and finds where its samples start.
import { type FileHandle, open } from "node:fs/promises";

export type WavCheck = { ok: true; dataOffset: number } | { ok: false; problem: string };

const NEEDS = "pocketsphinx's en-us model needs 16 kHz, mono, 16-bit PCM WAV";
const PCM = 1;
const EXTENSIBLE = 0xfffe;
const ENCODINGS: Record<number, string> = { 3: "32-bit float", 6: "A-law", 7: "μ-law" };

interface Format {
  encoding: number;
  channels: number;
  sampleRate: number;
  bits: number;
}

/** What the file is, when its first bytes say it is some other audio format. */
function otherFormat(head: Buffer): string | undefined {
  const magic = head.subarray(0, 4).toString("latin1");
  if (magic.startsWith("ID3") || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return "an MP3 file";
  if (magic === "fLaC") return "a FLAC file";
  if (magic === "OggS") return "an Ogg file";
  if (magic === "RIFX") return "a big-endian WAV file";
  if (head.subarray(4, 8).toString("latin1") === "ftyp") return "an MP4/M4A file";
  return undefined;
}

function problems(format: Format): string[] {
  const found: string[] = [];
  if (format.encoding !== PCM) found.push(ENCODINGS[format.encoding] ?? `encoding ${format.encoding}`);
  if (format.sampleRate !== 16_000) found.push(`${format.sampleRate} Hz`);
  if (format.channels !== 1) found.push(`${format.channels} channels`);
  if (format.encoding === PCM && format.bits !== 16) found.push(`${format.bits}-bit`);
  return found;
}

function readFormat(body: Buffer): Format {
  const tag = body.readUInt16LE(0);
  // WAVE_FORMAT_EXTENSIBLE keeps the real encoding in the first two bytes of its sub-format GUID.
  const encoding = tag === EXTENSIBLE && body.length >= 26 ? body.readUInt16LE(24) : tag;
  return {
    encoding,
    channels: body.readUInt16LE(2),
    sampleRate: body.readUInt32LE(4),
    bits: body.readUInt16LE(14),
  };
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Walks the RIFF chunks up to `data`: the fmt chunk may be anywhere before it, after LIST or fact chunks. */
async function inspect(handle: FileHandle, size: number): Promise<string | number> {
  const head = await readAt(handle, 0, 12);
  if (head.toString("latin1", 0, 4) !== "RIFF" || head.toString("latin1", 8, 12) !== "WAVE") {
    const other = otherFormat(head);
    return other ? `is ${other}, not WAV` : "is not a WAV file (no RIFF/WAVE header)";
  }
  let format: Format | undefined;
  for (let at = 12; at + 8 <= size; ) {
    const chunk = await readAt(handle, at, 8);
    const id = chunk.toString("latin1", 0, 4);
    const length = chunk.readUInt32LE(4);
    if (id === "fmt ") {
      const body = await readAt(handle, at + 8, Math.min(length, 40));
      if (body.length < 16) return "has a truncated fmt chunk";
      format = readFormat(body);
    }
    if (id === "data") {
      if (!format) return "has no fmt chunk before its data";
      const found = problems(format);
      if (found.length > 0) return `${found.join(", ")}; ${NEEDS}`;
      // Streamed WAVs often leave the data length 0 or 0xFFFFFFFF, so the file size decides.
      return size - (at + 8) >= 2 ? at + 8 : "has no audio samples";
    }
    at += 8 + length + (length % 2);
  }
  return "has no data chunk";
}

/** Never throws: a missing, unreadable or unsuitable file is a problem naming the file and what was found. */
export async function checkWav(file: string): Promise<WavCheck> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, "r");
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, problem: `${file}: is a folder, not an audio file` };
    const result = await inspect(handle, stat.size);
    if (typeof result === "number") return { ok: true, dataOffset: result };
    const convert = result.includes(NEEDS) || result.includes("not WAV") || result.includes("not a WAV");
    const hint = convert ? ` (convert it: sox "${file}" -r 16000 -c 1 -b 16 out.wav)` : "";
    return { ok: false, problem: `${file}: ${result}${hint}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "audio file not found" : `cannot be read (${code ?? String(error)})`;
    return { ok: false, problem: `${file}: ${reason}` };
  } finally {
    await handle?.close();
  }
}

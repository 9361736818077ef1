// Transcripts made earlier by the user's own recogniser, played back as if it listened now.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { ReplayRecogniserConfig } from "../../config/asr-schema.js";
import { inputError } from "../../core/errors.js";
import { sha256, stableStringify } from "../../core/hash.js";
import { assertRegularFile } from "../../core/regular-file.js";
import { parseRecordLine } from "../../dataset/record-line.js";
import { aborted, type Recogniser } from "./types.js";

const ROW = '{ "id": ..., "transcript": "..." }';

const rowShape = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  transcript: z.string(),
  latencyMs: z.number().nonnegative().optional(),
});

interface Recorded {
  text: string;
  latencyMs: number;
}

const FORMAT = {
  code: "REPLAY_INVALID",
  row: ROW,
  shape: rowShape,
  required: { id: "missing", transcript: "missing: give the recognised text" },
} as const;

function parseLine(file: string, line: number, text: string): { id: string; recorded: Recorded } {
  const { id, transcript, latencyMs } = parseRecordLine(file, line, text, FORMAT);
  return { id, recorded: { text: transcript, latencyMs: latencyMs ?? 0 } };
}

/** Reads the whole file at once, so a bad line stops the run before any case is recognised. */
export async function loadTranscripts(file: string): Promise<{ rows: Map<string, Recorded>; hash: string }> {
  let content: string;
  try {
    await assertRegularFile(file);
    content = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "not found" : `cannot be read (${code ?? String(error)})`;
    throw inputError(
      "REPLAY_INVALID",
      { file },
      `transcript file ${reason}; check the recogniser's \`path\` in the config (a relative path starts at the config file's folder)`,
    );
  }
  const rows = new Map<string, Recorded>();
  for (const [index, text] of content.split(/\r?\n/).entries()) {
    if (text.trim() === "") continue;
    const line = index + 1;
    const { id, recorded } = parseLine(file, line, text);
    if (rows.has(id)) throw inputError("REPLAY_INVALID", { file, line, field: "id" }, `duplicate id "${id}"`);
    rows.set(id, recorded);
  }
  return { rows, hash: sha256(content) };
}

export async function createReplayRecogniser(
  config: ReplayRecogniserConfig,
  file: string,
): Promise<Recogniser> {
  const { rows, hash } = await loadTranscripts(file);
  return {
    id: config.id,
    // The content, not the path: an edited file must not be served from the cache.
    fingerprint: stableStringify({ provider: "replay", content: hash }),
    async recognise({ caseId }, { signal }) {
      const started = performance.now();
      if (signal.aborted) return aborted(started);
      const row = rows.get(caseId);
      if (!row) {
        const message = `no recorded transcript for case ${caseId} in ${file}`;
        return { ok: false, error: { kind: "missing_case", message, retryable: false }, latencyMs: 0 };
      }
      return { ok: true, text: row.text, latencyMs: row.latencyMs };
    },
  };
}

// Offline speech recognition with CMU pocketsphinx (Debian 12's pre-5 release). pocketsphinx_continuous
// loads its model (~0.8 s) for every file; pocketsphinx_batch reads a control file of many, so a few
// warm batch processes, fed through their control file on stdin, pay that once per process instead.
import { constants } from "node:fs";
import { access, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { PocketsphinxRecogniserConfig } from "../../config/asr-schema.js";
import { stableStringify } from "../../core/hash.js";
import { type DecodeFailure, Decoder, INSTALL_HINT } from "./pocketsphinx-decoder.js";
import { DecoderPool } from "./pocketsphinx-pool.js";
import { aborted, failed, type RecogniseErrorKind, type Recogniser } from "./types.js";
import { checkWav } from "./wav-header.js";

export const DEFAULT_BINARY = "pocketsphinx_batch";

/** How long a decoder process waits for the next file before it exits. */
const IDLE_MS = 5000;

const KINDS: Record<DecodeFailure, { kind: RecogniseErrorKind; retryable: boolean }> = {
  setup: { kind: "bad_request", retryable: false },
  file: { kind: "audio", retryable: false },
  // A process that dies mid-file (killed for memory, say) may well decode it the next time.
  crash: { kind: "bad_response", retryable: true },
};

/** Why `binary` cannot be run (not on PATH, not executable), or undefined when it can. */
export async function binaryProblem(
  binary: string,
  path = process.env.PATH ?? "",
): Promise<string | undefined> {
  const onPath = !binary.includes("/");
  const candidates = onPath
    ? path.split(delimiter).flatMap((dir) => (dir ? [join(dir, binary)] : []))
    : [binary];
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return undefined;
    } catch {}
  }
  return `${binary} not found${onPath ? " on PATH" : ""}: ${INSTALL_HINT} (or set the recogniser's \`binary\` to its path)`;
}

export function createPocketsphinxRecogniser(
  config: PocketsphinxRecogniserConfig,
  options: { idleMs?: number } = {},
): Recogniser {
  const binary = config.binary ?? DEFAULT_BINARY;
  const models = { hmm: config.hmm, lm: config.lm, dict: config.dict };
  const modelArgs = Object.entries(models).flatMap(([flag, value]) => (value ? [`-${flag}`, value] : []));
  // The folder of the control file's links, made at the first file; decoders start only after that.
  let dir: string | undefined;
  let making: Promise<string> | undefined;
  const pool = new DecoderPool({
    max: config.processes ?? availableParallelism(),
    idleMs: options.idleMs ?? IDLE_MS,
    start: (headerBytes) => new Decoder({ binary, modelArgs, headerBytes, dir: dir ?? tmpdir() }),
  });
  return {
    id: config.id,
    fingerprint: stableStringify({ provider: "pocketsphinx", binary, ...models }),
    async recognise({ audioPath }, { signal }) {
      const started = performance.now();
      if (signal.aborted) return aborted(started);
      const wav = await checkWav(audioPath);
      if (!wav.ok) return failed("audio", wav.problem, started);
      making ??= mkdtemp(join(tmpdir(), "callgrade-pocketsphinx-"));
      dir = await making;
      const result = await pool.run(audioPath, wav.dataOffset, signal);
      if (result.aborted) return aborted(started);
      const { outcome, latencyMs } = result;
      if (outcome.ok) return { ok: true, text: outcome.text, latencyMs };
      const { kind, retryable } = KINDS[outcome.cause];
      const message = outcome.cause === "file" ? `${audioPath}: ${outcome.message}` : outcome.message;
      return failed(kind, message, started, retryable);
    },
    async close() {
      await pool.close();
      if (making) await rm(await making, { recursive: true, force: true });
    },
  };
}

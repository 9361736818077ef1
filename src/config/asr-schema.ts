// A speech recogniser's config, parsed with zod; the recognisers' option types come from it.
import { z } from "zod";

const common = {
  /**
   * Name of this recogniser in reports; unique within the suite.
   * @example id: "whisper-1"
   */
  id: z
    .string()
    .min(1)
    .regex(/^[\w.:@/-]+$/, "use letters, digits and . _ - : @ / only"),
};

export const openaiRecogniser = z
  .object({
    ...common,
    /**
     * OpenAI's transcription API (`whisper-1`, `gpt-4o-transcribe`) or any compatible server at `baseURL`;
     * without a key (and without `baseURL`) the recogniser is skipped.
     */
    provider: z.literal("openai"),
    /**
     * The transcription model.
     * @example model: "gpt-4o-transcribe"
     */
    model: z.string().min(1),
    /**
     * Language of the audio, as ISO-639-1; saying it helps accuracy and latency.
     * @default detected by the model
     * @example language: "en"
     */
    language: z.string().min(2).optional(),
    /**
     * Text that guides the transcript's style or spells words it should know (names, products).
     * @default none
     * @example prompt: "Callers book tables at Trattoria Nonna and give UK phone numbers."
     */
    prompt: z.string().optional(),
    /**
     * Which environment variable holds the API key; the key itself is never written anywhere.
     * @default "OPENAI_API_KEY"
     * @example apiKeyEnv: "GROQ_API_KEY"
     */
    apiKeyEnv: z.string().min(1).optional(),
    /**
     * Base URL of the API, for an OpenAI-compatible server (a local whisper server, Groq, vLLM).
     * @default "https://api.openai.com/v1"
     * @example baseURL: "http://localhost:8000/v1"
     */
    baseURL: z.string().url().optional(),
    /**
     * Per-file timeout in milliseconds, covering the upload and the answer; one deadline per attempt.
     * @default 60000
     * @example timeoutMs: 120_000
     */
    timeoutMs: z.number().int().positive().optional(),
    /**
     * Retries of a failed file (rate limit, 5xx, timeout, connection reset), as for a model: exponential
     * backoff with jitter, `retry-after` honoured, and a 429 or a used-up quota pauses the whole recogniser.
     * @default 4
     * @example maxRetries: 2
     */
    maxRetries: z.number().int().nonnegative().optional(),
    /**
     * Most files in flight to this recogniser; it halves after a 429 and grows back, as a model's does.
     * @default the voice stage's `asr.concurrency`
     * @example concurrency: 2
     */
    concurrency: z.number().int().positive().optional(),
  })
  .strict();

export const pocketsphinxRecogniser = z
  .object({
    ...common,
    /**
     * Offline recognition with Debian's pocketsphinx and pocketsphinx-en-us: a warm `pocketsphinx_batch` fed
     * files, not started per file. Audio must be 16 kHz mono 16-bit PCM WAV.
     */
    provider: z.literal("pocketsphinx"),
    /**
     * The `pocketsphinx_batch` program (Debian package pocketsphinx): a name on PATH, or a path.
     * @default "pocketsphinx_batch"
     * @example binary: "/opt/sphinx/bin/pocketsphinx_batch"
     */
    binary: z.string().min(1).optional(),
    /**
     * Folder of the acoustic model. It must be a 16 kHz model: audio is checked for 16 kHz.
     * @default the package's US English model, /usr/share/pocketsphinx/model/en-us/en-us
     * @example hmm: "/models/en-us-adapted"
     */
    hmm: z.string().min(1).optional(),
    /**
     * Language model file (ARPA or binary).
     * @default the package's /usr/share/pocketsphinx/model/en-us/en-us.lm.bin
     * @example lm: "/models/bookings.lm.bin"
     */
    lm: z.string().min(1).optional(),
    /**
     * Pronunciation dictionary.
     * @default the package's /usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict
     * @example dict: "/models/bookings.dict"
     */
    dict: z.string().min(1).optional(),
    /**
     * Most decoder processes at once. Each loads the model once (about half a second) and then decodes one
     * file at a time; requests beyond this wait for a free one.
     * @default the number of CPU cores
     * @example processes: 2
     */
    processes: z.number().int().positive().optional(),
  })
  .strict();

export const replayRecogniser = z
  .object({
    ...common,
    /** Transcripts your own recogniser made, read from `path`. */
    provider: z.literal("replay"),
    /**
     * JSONL file of `{ "id": "<case id>", "transcript": "<text>" }` rows, made by your own recogniser; a
     * row may add `"latencyMs"`. A relative path starts at the config file's folder.
     * @example path: "asr/production-transcripts.jsonl"
     */
    path: z.string().min(1),
  })
  .strict();

export const asrRecogniserSchema = z.discriminatedUnion("provider", [
  openaiRecogniser,
  pocketsphinxRecogniser,
  replayRecogniser,
]);

export type AsrRecogniserConfig = z.infer<typeof asrRecogniserSchema>;
export type OpenAIRecogniserConfig = z.infer<typeof openaiRecogniser>;
export type PocketsphinxRecogniserConfig = z.infer<typeof pocketsphinxRecogniser>;
export type ReplayRecogniserConfig = z.infer<typeof replayRecogniser>;

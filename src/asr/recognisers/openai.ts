// OpenAI speech to text (whisper-1, gpt-4o-transcribe, ...), and any OpenAI-compatible server via baseURL.
// The request goes through the same deadline, error mapping and key redaction as the chat provider.
import { type FileHandle, open } from "node:fs/promises";
import { basename, extname } from "node:path";
import OpenAI, { toStreamingFile } from "openai";
import { z } from "zod";
import type { OpenAIRecogniserConfig } from "../../config/asr-schema.js";
import { stableStringify } from "../../core/hash.js";
import type { CompletionResult } from "../../core/types.js";
import { badResponse, withRateLimit } from "../../providers/call-error.js";
import { callTimeoutMs, NO_KEY_NEEDED, sdkCall } from "../../providers/call-scope.js";
import { failed, type Recogniser, since } from "./types.js";

const transcriptionShape = z.object({ text: z.string() });

const NO_USAGE = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };

/** The upload's content type: the API tells formats apart by it and by the file name. */
const AUDIO_TYPES: Record<string, string> = {
  ".wav": "audio/wav",
  ".mp3": "audio/mpeg",
  ".mpga": "audio/mpeg",
  ".mpeg": "audio/mpeg",
  ".m4a": "audio/mp4",
  ".mp4": "audio/mp4",
  ".flac": "audio/flac",
  ".ogg": "audio/ogg",
  ".webm": "audio/webm",
};

function fromResponse(response: unknown): CompletionResult {
  const parsed = transcriptionShape.safeParse(response);
  if (!parsed.success) {
    const shown = typeof response === "string" ? response.slice(0, 2000) : response;
    return badResponse(`not a transcription: ${z.prettifyError(parsed.error)}`, shown);
  }
  return { ok: true, text: parsed.data.text, usage: NO_USAGE };
}

export function createOpenAIRecogniser(config: OpenAIRecogniserConfig, env: { apiKey?: string }): Recogniser {
  const timeoutMs = callTimeoutMs(config);
  const apiKey = env.apiKey ?? NO_KEY_NEEDED;
  // maxRetries 0: the runner owns retries, and the SDK would otherwise obey retry-after on its own.
  const client = new OpenAI({ apiKey, baseURL: config.baseURL, timeout: timeoutMs, maxRetries: 0 });
  const { model, language, prompt, baseURL } = config;
  const options = { ...(language ? { language } : {}), ...(prompt ? { prompt } : {}) };
  return {
    id: config.id,
    fingerprint: stableStringify({ provider: "openai", model, baseURL: baseURL ?? null, ...options }),
    limits: {
      timeoutMs,
      ...(config.maxRetries === undefined ? {} : { maxRetries: config.maxRetries }),
      ...(config.concurrency === undefined ? {} : { concurrency: config.concurrency }),
    },
    async recognise({ audioPath }, callOptions) {
      const started = performance.now();
      let handle: FileHandle;
      try {
        handle = await open(audioPath, "r");
        if ((await handle.stat()).isDirectory()) {
          await handle.close();
          return failed("audio", `${audioPath}: is a folder, not an audio file`, started);
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
          code === "ENOENT" ? "audio file not found" : `cannot be read (${code ?? String(error)})`;
        return failed("audio", `${audioPath}: ${reason}`, started);
      }
      try {
        // Streamed from disk as the request is sent, never read into memory whole.
        const file = toStreamingFile(handle.createReadStream({ autoClose: false }), basename(audioPath), {
          type: AUDIO_TYPES[extname(audioPath).toLowerCase()] ?? "application/octet-stream",
        });
        // The rate-limit headers of an answer say whether the next file may go out at once (an error's
        // come with the error).
        let headers: Headers | undefined;
        const result = await sdkCall(callOptions, {
          timeoutMs,
          apiKey,
          sdk: OpenAI,
          send: async (scoped, timeout) => {
            const sent = client.audio.transcriptions.create(
              { file, model, response_format: "json", ...options },
              { signal: scoped, timeout },
            );
            const { data, response } = await sent.withResponse();
            headers = response.headers;
            return data;
          },
          parse: (response) => withRateLimit(fromResponse(response), headers),
        });
        const latencyMs = since(started);
        if (!result.ok) return { ok: false, error: result.error, latencyMs };
        const { rateLimit } = result;
        return { ok: true, text: result.text, latencyMs, ...(rateLimit ? { rateLimit } : {}) };
      } finally {
        await handle.close();
      }
    },
  };
}

// The floor callgrade is measured against: the same requests, sent by the bare openai SDK under p-limit.
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import pLimit from "p-limit";
import { openaiBody } from "../src/providers/openai.js";
import { renderedRequests } from "./rendered.js";

/** The request bodies callgrade's openai provider sends for this suite, byte for byte (see rendered.ts). */
export async function bareBodies(configFile: string): Promise<ChatCompletionCreateParamsNonStreaming[]> {
  const { config, rendered } = await renderedRequests(configFile);
  return config.models.flatMap((model) =>
    model.provider === "openai" ? rendered.map((request) => openaiBody(model, request)) : [],
  );
}

/** Sends every body at `concurrency`; resolves with how many answers parsed as JSON. */
export async function bareLoop(
  baseURL: string,
  bodies: ChatCompletionCreateParamsNonStreaming[],
  concurrency: number,
  signal: AbortSignal,
): Promise<{ ok: number; failed: number }> {
  const client = new OpenAI({ apiKey: "sk-bench", baseURL, maxRetries: 0, timeout: 30_000 });
  const limit = pLimit(concurrency);
  let ok = 0;
  let failed = 0;
  await Promise.all(
    bodies.map((body) =>
      limit(async () => {
        if (signal.aborted) return;
        try {
          // The signal only stops sending more: the SDK would add a listener to it per call and never remove it;
          // each call is bounded by the client's own timeout.
          const completion = await client.chat.completions.create(body);
          JSON.parse(completion.choices[0]?.message.content ?? "");
          ok++;
        } catch {
          failed++;
        }
      }),
    ),
  );
  return { ok, failed };
}

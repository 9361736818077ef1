// The floor callgrade is measured against: the same requests, sent by the bare openai SDK under p-limit.
import path from "node:path";
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import pLimit from "p-limit";
import { resolveFromSuite } from "../src/config/suite.js";
import { loadDataset } from "../src/dataset/index.js";
import { loadConfig } from "../src/load/config.js";
import { loadPrompt } from "../src/prompt/index.js";
import { safeName, schemaBody } from "../src/providers/call-scope.js";
import { isStrictCompatible } from "../src/providers/strict-schema.js";

/**
 * The request bodies callgrade's openai provider sends for this suite, byte for byte: made before the clock
 * starts, with callgrade's own prompt code, so the bare loop pays for nothing but the calls.
 */
export async function bareBodies(configFile: string): Promise<ChatCompletionCreateParamsNonStreaming[]> {
  const loaded = await loadConfig(path.dirname(configFile), configFile);
  const { config } = loaded;
  const cases = await loadDataset(resolveFromSuite(loaded, config.dataset));
  const prompt = await loadPrompt({
    templateFile: resolveFromSuite(loaded, config.prompt),
    knowledgeBaseFiles: [],
    schema: config.schema,
  });
  const bodies: ChatCompletionCreateParamsNonStreaming[] = [];
  for (const model of config.models) {
    if (model.provider !== "openai") continue;
    for (const item of cases) {
      const request = prompt.render(item);
      const schema = schemaBody(request.jsonSchema);
      bodies.push({
        model: model.model,
        messages: [
          { role: "system", content: request.stable },
          { role: "user", content: request.variable },
        ],
        response_format: {
          type: "json_schema",
          json_schema: { name: safeName(request.schemaName), schema, strict: isStrictCompatible(schema) },
        },
      });
    }
  }
  return bodies;
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

// OpenAI Chat Completions, and any OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) via baseURL.
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { z } from "zod";
import type { OpenAIModelConfig } from "../config/schema.js";
import type { CompletionRequest, CompletionResult, Provider } from "../core/types.js";
import { badResponse, unusable, withRateLimit } from "./call-error.js";
import {
  callTimeoutMs,
  JSON_BODY,
  NO_KEY_NEEDED,
  oncePerRequest,
  safeName,
  schemaBody,
  sdkCall,
} from "./call-scope.js";
import { openaiBatch } from "./openai-batch.js";
import { isStrictCompatible } from "./strict-schema.js";
import { leanFetch } from "./transport.js";

/** The part of a chat.completion we read; anything else is kept only in `raw`. */
const completionShape = z.object({
  choices: z.array(
    z.object({
      finish_reason: z.string().nullish(),
      message: z.object({
        content: z.string().nullish(),
        refusal: z.string().nullish(),
        tool_calls: z.array(z.object({ function: z.object({ arguments: z.string() }).optional() })).nullish(),
      }),
    }),
  ),
  usage: z
    .object({
      prompt_tokens: z.number().nullish(),
      completion_tokens: z.number().nullish(),
      prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
    })
    .nullish(),
});

function responseFormat(config: OpenAIModelConfig, request: CompletionRequest) {
  const mode = config.mode ?? "json_schema";
  if (mode === "text") return {};
  if (mode === "json_object") return { response_format: { type: "json_object" } };
  const schema = schemaBody(request.jsonSchema);
  return {
    response_format: {
      type: "json_schema",
      json_schema: { name: safeName(request.schemaName), schema, strict: isStrictCompatible(schema) },
    },
  };
}

/** The request body for one call; exported for the bench's bare loop, which must send the same bytes. */
export function openaiBody(config: OpenAIModelConfig, request: CompletionRequest) {
  // The runner needs one whole answer per call, so streaming is never passed through.
  const { stream: _stream, stream_options: _streamOptions, ...params } = config.params ?? {};
  const system = request.stable === "" ? [] : [{ role: "system", content: request.stable }];
  return {
    ...params,
    model: config.model,
    messages: [...system, { role: "user", content: request.variable }],
    ...responseFormat(config, request),
  } as ChatCompletionCreateParamsNonStreaming;
}

function bounded(response: unknown): unknown {
  return typeof response === "string" ? response.slice(0, 2000) : response;
}

export function fromResponse(response: unknown): CompletionResult {
  const parsed = completionShape.safeParse(response);
  if (!parsed.success) {
    return badResponse(`not a chat completion: ${z.prettifyError(parsed.error)}`, bounded(response));
  }
  const [choice] = parsed.data.choices;
  if (!choice) return badResponse("the completion has no choices", response);
  const usage = {
    inputTokens: parsed.data.usage?.prompt_tokens ?? 0,
    outputTokens: parsed.data.usage?.completion_tokens ?? 0,
    cachedInputTokens: parsed.data.usage?.prompt_tokens_details?.cached_tokens ?? 0,
  };
  const finishReason = choice.finish_reason ?? undefined;
  const { message } = choice;
  if (message.refusal) {
    return unusable("refusal", `the model refused: ${message.refusal}`, { usage, raw: response });
  }
  if (finishReason === "length") {
    return unusable("truncated", 'the answer hit the token limit (finish_reason "length")', {
      usage,
      raw: response,
    });
  }
  if (finishReason === "content_filter") {
    return unusable("content_filter", "the answer was stopped by the content filter", {
      usage,
      raw: response,
    });
  }
  const text = message.content ?? message.tool_calls?.[0]?.function?.arguments ?? "";
  return { ok: true, text, usage, finishReason, raw: response };
}

export function createOpenAIProvider(config: OpenAIModelConfig, env: { apiKey?: string }): Provider {
  const timeoutMs = callTimeoutMs(config);
  const apiKey = env.apiKey ?? NO_KEY_NEEDED;
  // maxRetries 0: the runner owns retries, and the SDK would otherwise obey retry-after on its own.
  const client = new OpenAI({
    apiKey,
    baseURL: config.baseURL,
    timeout: timeoutMs,
    maxRetries: 0,
    fetch: leanFetch,
  });
  const body = oncePerRequest((request: CompletionRequest) => JSON.stringify(openaiBody(config, request)));
  return {
    id: config.id,
    batch: openaiBatch({ apiKey, baseURL: config.baseURL }, body),
    complete(request, options) {
      // The rate-limit headers of a successful answer say whether the next call may go out at once.
      let headers: Headers | undefined;
      return sdkCall(options, {
        timeoutMs,
        apiKey,
        sdk: OpenAI,
        // The SDK's own request path with the body already serialised: chat.completions.create() would
        // stringify the same object again on every attempt.
        send: async (signal, timeout) => {
          const sent = client.post("/chat/completions", {
            body: body(request),
            headers: JSON_BODY,
            signal,
            timeout,
          });
          const { data, response } = await sent.withResponse();
          headers = response.headers;
          return data;
        },
        parse: (response) => withRateLimit(fromResponse(response), headers),
      });
    },
  };
}

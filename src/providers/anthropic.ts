// Anthropic Messages: structured output through one forced tool, the stable prefix cached.
import Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { z } from "zod";
import type { AnthropicModelConfig } from "../config/schema.js";
import { MAX_ANSWER_DEPTH, stringifyBounded } from "../core/json-limits.js";
import type { CompletionRequest, CompletionResult, Provider } from "../core/types.js";
import { anthropicBatch } from "./anthropic-batch.js";
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
import { leanFetch } from "./transport.js";

export const DEFAULT_MAX_TOKENS = 1024;

/** The part of a message we read; anything else is kept only in `raw`. */
const messageShape = z.object({
  content: z.array(
    z.object({ type: z.string(), text: z.string().optional(), input: z.unknown().optional() }),
  ),
  stop_reason: z.string().nullish(),
  usage: z
    .object({
      input_tokens: z.number().nullish(),
      output_tokens: z.number().nullish(),
      cache_read_input_tokens: z.number().nullish(),
      cache_creation_input_tokens: z.number().nullish(),
    })
    .nullish(),
});

function toolParams(config: AnthropicModelConfig, request: CompletionRequest) {
  if ((config.mode ?? "tool") === "text") return {};
  const name = safeName(request.schemaName);
  const description = `Record the ${request.schemaName} extracted from the conversation. Its input must match the schema.`;
  return {
    tools: [{ name, description, input_schema: schemaBody(request.jsonSchema) }],
    tool_choice: { type: "tool", name },
  };
}

/** The request body for one call; exported for the bench's bare loop, which must send the same bytes. */
export function anthropicBody(config: AnthropicModelConfig, request: CompletionRequest) {
  const { stream: _stream, ...params } = config.params ?? {};
  // The API rejects an empty text block, so an empty prefix means no system prompt at all.
  const system =
    request.stable === ""
      ? {}
      : { system: [{ type: "text", text: request.stable, cache_control: { type: "ephemeral" } }] };
  return {
    max_tokens: DEFAULT_MAX_TOKENS,
    ...params,
    model: config.model,
    ...system,
    messages: [{ role: "user", content: request.variable }],
    ...toolParams(config, request),
  } as MessageCreateParamsNonStreaming;
}

export function fromResponse(response: unknown): CompletionResult {
  const parsed = messageShape.safeParse(response);
  if (!parsed.success) {
    const raw = typeof response === "string" ? response.slice(0, 2000) : response;
    return badResponse(`not a message: ${z.prettifyError(parsed.error)}`, raw);
  }
  const { content, usage: counts } = parsed.data;
  const cached = counts?.cache_read_input_tokens ?? 0;
  const usage = {
    // input_tokens leaves out what was read from or written to the cache; the total is what was sent.
    inputTokens: (counts?.input_tokens ?? 0) + cached + (counts?.cache_creation_input_tokens ?? 0),
    outputTokens: counts?.output_tokens ?? 0,
    cachedInputTokens: cached,
  };
  const finishReason = parsed.data.stop_reason ?? undefined;
  if (finishReason === "max_tokens" || finishReason === "model_context_window_exceeded") {
    return unusable("truncated", `the answer hit the token limit (stop_reason "${finishReason}")`, {
      usage,
      raw: response,
    });
  }
  if (finishReason === "refusal") {
    return unusable("refusal", 'the model refused (stop_reason "refusal")', { usage, raw: response });
  }
  const tool = content.find((block) => block.type === "tool_use");
  const text = tool
    ? toolText(tool.input ?? {})
    : content
        .filter((block) => block.type === "text")
        .map((block) => block.text ?? "")
        .join("");
  return { ok: true, text, usage, finishReason, raw: response };
}

/**
 * The tool call's input as the text validation reads. An input too deep to stringify stays too deep: the text
 * is an empty nest one level past the limit, which validation stores as an invalid output ("nested deeper
 * than 64 levels") like any other answer that deep.
 */
function toolText(input: unknown): string {
  const depth = MAX_ANSWER_DEPTH + 1;
  return stringifyBounded(input, MAX_ANSWER_DEPTH) ?? `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

export function createAnthropicProvider(config: AnthropicModelConfig, env: { apiKey?: string }): Provider {
  const timeoutMs = callTimeoutMs(config);
  const apiKey = env.apiKey ?? NO_KEY_NEEDED;
  // maxRetries 0: the runner owns retries, and the SDK would otherwise obey retry-after on its own.
  const client = new Anthropic({
    apiKey,
    baseURL: config.baseURL,
    timeout: timeoutMs,
    maxRetries: 0,
    fetch: leanFetch,
  });
  const body = oncePerRequest((request: CompletionRequest) => JSON.stringify(anthropicBody(config, request)));
  return {
    id: config.id,
    batch: anthropicBatch({ apiKey, baseURL: config.baseURL }, body),
    complete(request, options) {
      // The rate-limit headers of a successful answer say whether the next call may go out at once.
      let headers: Headers | undefined;
      return sdkCall(options, {
        timeoutMs,
        apiKey,
        sdk: Anthropic,
        // The SDK's own request path, not messages.create(): that one console.warns on every call to a
        // model it lists as deprecated, which would flood a 20,000-call run and the terminal UI. The body
        // goes already serialised, once for all of the call's attempts.
        send: async (signal, timeout) => {
          const sent = client.post("/v1/messages", {
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

// Wire-format bodies of the fake API: what OpenAI and Anthropic would answer for each FakeReply.

export type FakeApiKind = "openai" | "anthropic";

/** Extra response headers of an answer, e.g. the rate-limit ones. */
interface WithHeaders {
  headers?: Record<string, string>;
}

export type FakeReply =
  | ({ json: object } & WithHeaders)
  | ({ text: string } & WithHeaders)
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true }
  | { reset: true }
  | { malformed: true }
  | ({ truncated: true; text: string } & WithHeaders)
  | ({ refusal: string } & WithHeaders)
  /** OpenAI's finish_reason "content_filter"; Anthropic has none, and answers it with stop_reason "refusal". */
  | ({ contentFilter: true } & WithHeaders);

/** The model-answer replies, the ones the server wraps into a completion body. */
export type AnswerReply = Extract<
  FakeReply,
  { json: object } | { text: string } | { refusal: string } | { truncated: true } | { contentFilter: true }
>;

/** The prompt split as a provider would cache it: the stable prefix and the rest. */
export interface PromptParts {
  prefix: string;
  rest: string;
  /** Whether the request asked for its prefix to be cached (Anthropic's cache_control). */
  cacheable: boolean;
}

export const tokens = (text: string): number => Math.ceil(text.length / 4);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** All text of a message content: a string, or blocks with `text`. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(textOf).join("");
  if (isRecord(value)) return typeof value.text === "string" ? value.text : textOf(value.content);
  return "";
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function promptParts(api: FakeApiKind, body: unknown): PromptParts {
  const request = isRecord(body) ? body : {};
  const messages = list(request.messages).filter(isRecord);
  if (api === "anthropic") {
    const system = list(request.system);
    return {
      prefix: typeof request.system === "string" ? request.system : textOf(system),
      rest: messages.map((m) => textOf(m.content)).join("\n"),
      cacheable: system.some((block) => isRecord(block) && block.cache_control !== undefined),
    };
  }
  const isSystem = (m: Record<string, unknown>) => m.role === "system" || m.role === "developer";
  return {
    prefix: messages
      .filter(isSystem)
      .map((m) => textOf(m.content))
      .join("\n"),
    rest: messages
      .filter((m) => !isSystem(m))
      .map((m) => textOf(m.content))
      .join("\n"),
    cacheable: true,
  };
}

/** The name of the first tool the request offered, if any. */
function firstToolName(api: FakeApiKind, body: unknown): string | undefined {
  const tool = isRecord(body) ? list(body.tools)[0] : undefined;
  if (!isRecord(tool)) return undefined;
  const name = api === "openai" && isRecord(tool.function) ? tool.function.name : tool.name;
  return typeof name === "string" ? name : undefined;
}

function modelOf(body: unknown): string {
  return isRecord(body) && typeof body.model === "string" ? body.model : "fake-model";
}

export interface Counts {
  input: number;
  cached: number;
  /** Anthropic only: tokens written to the cache by this request. */
  created: number;
}

export function openaiCompletion(reply: AnswerReply, body: unknown, counts: Counts, seq: number): object {
  const tool = firstToolName("openai", body);
  let content: string | null = null;
  let refusal: string | null = null;
  let toolCalls: object[] | undefined;
  let finish = "stop";
  if ("refusal" in reply) refusal = reply.refusal;
  else if ("contentFilter" in reply) finish = "content_filter";
  else if ("truncated" in reply) [content, finish] = [reply.text, "length"];
  else if ("text" in reply) content = reply.text;
  else if (tool) {
    const args = JSON.stringify(reply.json);
    toolCalls = [{ id: `call_${seq}`, type: "function", function: { name: tool, arguments: args } }];
    finish = "tool_calls";
  } else content = JSON.stringify(reply.json);
  const answer = content ?? refusal ?? toolCalls?.map((c) => JSON.stringify(c)).join("") ?? "";
  const output = tokens(answer);
  return {
    id: `chatcmpl-fake-${seq}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: modelOf(body),
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        logprobs: null,
        finish_reason: finish,
      },
    ],
    usage: {
      prompt_tokens: counts.input,
      completion_tokens: output,
      total_tokens: counts.input + output,
      prompt_tokens_details: { cached_tokens: counts.cached },
    },
  };
}

export function anthropicMessage(reply: AnswerReply, body: unknown, counts: Counts, seq: number): object {
  const tool = firstToolName("anthropic", body);
  let content: object[];
  let stop = "end_turn";
  let answer: string;
  if ("refusal" in reply) [answer, stop] = [reply.refusal, "refusal"];
  else if ("contentFilter" in reply) [answer, stop] = ["", "refusal"];
  else if ("truncated" in reply) [answer, stop] = [reply.text, "max_tokens"];
  else if ("text" in reply) answer = reply.text;
  else answer = JSON.stringify(reply.json);
  if ("json" in reply && tool) {
    content = [{ type: "tool_use", id: `toolu_fake_${seq}`, name: tool, input: reply.json }];
    stop = "tool_use";
  } else content = answer === "" ? [] : [{ type: "text", text: answer, citations: null }];
  return {
    id: `msg_fake_${seq}`,
    type: "message",
    role: "assistant",
    model: modelOf(body),
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: {
      // Anthropic counts cache reads and writes apart from input_tokens.
      input_tokens: counts.input - counts.cached - counts.created,
      output_tokens: tokens(answer),
      cache_read_input_tokens: counts.cached,
      cache_creation_input_tokens: counts.created,
    },
  };
}

/** OpenAI's transcription JSON: `{ text }` for a text reply, a `json` reply's object as it is. */
export function openaiTranscription(reply: AnswerReply): object {
  if ("json" in reply) return reply.json;
  if ("refusal" in reply) return { text: reply.refusal };
  return { text: "text" in reply ? reply.text : "" };
}

export function errorBody(api: FakeApiKind, status: number): object {
  const message = `fake error ${status}`;
  if (api === "anthropic") return { type: "error", error: { type: "api_error", message } };
  return { error: { message, type: "fake_error", param: null, code: null } };
}

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OpenAIModelConfig } from "../../src/config/schema.js";
import { createOpenAIProvider } from "../../src/providers/openai.js";
import { CALLER_SCHEMA, completionRequest } from "../helpers/completion-request.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";

let fake: FakeApi;
const signal = new AbortController().signal;

beforeAll(async () => {
  fake = await startFakeApi();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.respond = () => ({ json: { name: "Ana", phone: null } });
});
afterAll(() => fake.close());

function provider(overrides: Partial<OpenAIModelConfig> = {}) {
  const config: OpenAIModelConfig = {
    id: "gpt",
    provider: "openai",
    model: "gpt-4.1-mini",
    baseURL: fake.openaiBaseURL,
    ...overrides,
  };
  return createOpenAIProvider(config, { apiKey: "sk-test" });
}

async function sentBody(overrides: Partial<OpenAIModelConfig> = {}, request = completionRequest()) {
  await provider(overrides).complete(request, { signal });
  const sent = fake.requests.at(-1);
  expect(sent?.path).toBe("/v1/chat/completions");
  return sent?.body as Record<string, unknown>;
}

describe("openai provider", () => {
  it("asks for strict json_schema output when the schema allows it", async () => {
    const request = completionRequest();
    const body = await sentBody();
    const { $schema: _, ...schema } = CALLER_SCHEMA;
    expect(body).toMatchObject({
      model: "gpt-4.1-mini",
      messages: [
        { role: "system", content: request.stable },
        { role: "user", content: request.variable },
      ],
      response_format: { type: "json_schema", json_schema: { name: "caller", schema, strict: true } },
    });
    expect(body.stream).toBeUndefined();
  });

  it("sends strict: false when a field is optional", async () => {
    const jsonSchema = {
      type: "object",
      properties: { name: { type: "string" } },
      additionalProperties: false,
    };
    const body = await sentBody({}, completionRequest({ jsonSchema }));
    expect(body.response_format).toMatchObject({ json_schema: { strict: false, schema: jsonSchema } });
  });

  it("json_object mode asks for any JSON object; text mode asks for nothing", async () => {
    expect((await sentBody({ mode: "json_object" })).response_format).toEqual({ type: "json_object" });
    expect(await sentBody({ mode: "text" })).not.toHaveProperty("response_format");
  });

  it("passes params through, but never streaming", async () => {
    const body = await sentBody({ params: { temperature: 0, max_completion_tokens: 300, stream: true } });
    expect(body).toMatchObject({ temperature: 0, max_completion_tokens: 300 });
    expect(body.stream).toBeUndefined();
  });

  it("leaves out an empty system message", async () => {
    const body = await sentBody({}, completionRequest({ stable: "" }));
    expect(body.messages).toEqual([{ role: "user", content: completionRequest().variable }]);
  });

  it("makes a schema name the API accepts", async () => {
    const body = await sentBody({}, completionRequest({ schemaName: "caller record v2" }));
    expect(body.response_format).toMatchObject({ json_schema: { name: "caller_record_v2" } });
  });

  it("a content-filtered answer is a content_filter error", async () => {
    fake.respond = () => ({
      status: 200,
      body: {
        choices: [{ index: 0, message: { role: "assistant", content: "" }, finish_reason: "content_filter" }],
        usage: { prompt_tokens: 10, completion_tokens: 0 },
      },
    });
    const result = await provider().complete(completionRequest(), { signal });
    expect(result).toMatchObject({ ok: false, error: { kind: "content_filter", retryable: false } });
    expect(result.usage).toEqual({ inputTokens: 10, outputTokens: 0, cachedInputTokens: 0 });
  });

  it("reads the answer from a tool call when the server answers with one", async () => {
    const body = {
      choices: [
        {
          message: {
            content: null,
            tool_calls: [{ function: { name: "caller", arguments: '{"name":"Ana"}' } }],
          },
          finish_reason: "tool_calls",
        },
      ],
    };
    fake.respond = () => ({ status: 200, body });
    const result = await provider().complete(completionRequest(), { signal });
    expect(result).toMatchObject({ ok: true, text: '{"name":"Ana"}', finishReason: "tool_calls" });
  });

  it("keeps the whole completion in raw", async () => {
    const result = await provider().complete(completionRequest(), { signal });
    expect(result.raw).toMatchObject({ object: "chat.completion", choices: [{ finish_reason: "stop" }] });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnthropicModelConfig } from "../../src/config/schema.js";
import { createAnthropicProvider } from "../../src/providers/anthropic.js";
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

function provider(overrides: Partial<AnthropicModelConfig> = {}) {
  const config: AnthropicModelConfig = {
    id: "claude",
    provider: "anthropic",
    model: "claude-haiku-4-5",
    baseURL: fake.anthropicBaseURL,
    ...overrides,
  };
  return createAnthropicProvider(config, { apiKey: "sk-ant-test" });
}

async function sentBody(overrides: Partial<AnthropicModelConfig> = {}, request = completionRequest()) {
  await provider(overrides).complete(request, { signal });
  const sent = fake.requests.at(-1);
  expect(sent?.path).toBe("/v1/messages");
  return sent?.body as Record<string, unknown>;
}

describe("anthropic provider", () => {
  it("forces one tool whose input schema is the output schema, and caches the system prompt", async () => {
    const request = completionRequest();
    const body = await sentBody();
    const { $schema: _, ...schema } = CALLER_SCHEMA;
    expect(body).toMatchObject({
      model: "claude-haiku-4-5",
      max_tokens: 1024,
      system: [{ type: "text", text: request.stable, cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: request.variable }],
      tools: [{ name: "caller", input_schema: schema }],
      tool_choice: { type: "tool", name: "caller" },
    });
    expect(body.stream).toBeUndefined();
  });

  it("returns the tool input as JSON text", async () => {
    const result = await provider().complete(completionRequest(), { signal });
    expect(result).toMatchObject({ ok: true, finishReason: "tool_use" });
    expect(result.ok && JSON.parse(result.text)).toEqual({ name: "Ana", phone: null });
  });

  it("params override max_tokens and pass through", async () => {
    const body = await sentBody({ params: { max_tokens: 4000, temperature: 0 } });
    expect(body).toMatchObject({ max_tokens: 4000, temperature: 0 });
  });

  it("text mode offers no tool and joins the text blocks", async () => {
    fake.respond = () => ({
      status: 200,
      body: {
        content: [
          { type: "text", text: '{"name":' },
          { type: "text", text: '"Ana"}' },
        ],
        stop_reason: "end_turn",
        usage: { input_tokens: 5, output_tokens: 3 },
      },
    });
    const result = await provider({ mode: "text" }).complete(completionRequest(), { signal });
    expect(result).toMatchObject({ ok: true, text: '{"name":"Ana"}', finishReason: "end_turn" });
    const body = fake.requests.at(-1)?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty("tools");
    expect(body).not.toHaveProperty("tool_choice");
  });

  it("counts cache writes and reads as input, and reads as cached", async () => {
    fake.respond = () => ({
      status: 200,
      body: {
        content: [{ type: "tool_use", id: "t", name: "caller", input: {} }],
        stop_reason: "tool_use",
        usage: {
          input_tokens: 10,
          output_tokens: 4,
          cache_read_input_tokens: 200,
          cache_creation_input_tokens: 50,
        },
      },
    });
    const result = await provider().complete(completionRequest(), { signal });
    expect(result.ok && result.usage).toEqual({ inputTokens: 260, outputTokens: 4, cachedInputTokens: 200 });
  });

  it("leaves out an empty system prompt, which the API would reject", async () => {
    expect(await sentBody({}, completionRequest({ stable: "" }))).not.toHaveProperty("system");
  });

  it("falls back to the text when the model answered without the tool", async () => {
    fake.respond = () => ({ text: 'Sure: {"name":"Ana"}' });
    const result = await provider().complete(completionRequest(), { signal });
    expect(result).toMatchObject({ ok: true, text: 'Sure: {"name":"Ana"}' });
  });
});

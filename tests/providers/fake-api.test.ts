import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeApi, type FakeApiCall, startFakeApi } from "../helpers/fake-api.js";

let fake: FakeApi;

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(() => fake.close());

const post = (path: string, body: unknown) =>
  fetch(`${fake.url}${path}`, { method: "POST", body: JSON.stringify(body) });

describe("fake API", () => {
  it("counts attempts per identical body and records every request", async () => {
    const calls: FakeApiCall[] = [];
    fake.respond = (call) => {
      calls.push(call);
      return { json: {} };
    };
    const body = { model: "m", messages: [{ role: "user", content: "hi" }] };
    await post("/v1/chat/completions", body);
    await post("/v1/chat/completions", body);
    await post("/v1/chat/completions", { ...body, model: "other" });
    await post("/v1/messages", body);
    expect(calls.map((c) => [c.api, c.attempt])).toEqual([
      ["openai", 1],
      ["openai", 2],
      ["openai", 1],
      ["anthropic", 1],
    ]);
    expect(fake.requests.at(-1)).toMatchObject({ path: "/v1/messages", body });
  });

  it("answers 404 on a path it does not speak", async () => {
    const response = await post("/v1/embeddings", {});
    expect(response.status).toBe(404);
  });

  it("wraps a JSON answer in a tool call when the OpenAI request offered tools", async () => {
    fake.respond = () => ({ json: { a: 1 } });
    const tools = [{ type: "function", function: { name: "record", parameters: {} } }];
    const response = await post("/v1/chat/completions", { model: "m", messages: [], tools });
    const completion = (await response.json()) as { choices: [{ message: { tool_calls: unknown[] } }] };
    expect(completion.choices[0].message.tool_calls).toEqual([
      { id: expect.any(String), type: "function", function: { name: "record", arguments: '{"a":1}' } },
    ]);
  });
});

// The fake API's Anthropic Message Batches, driven through the real Anthropic SDK.
import Anthropic, { AnthropicError, BadRequestError, NotFoundError } from "@anthropic-ai/sdk";
import type {
  MessageBatch,
  MessageBatchIndividualResponse,
  MessageBatchResult,
} from "@anthropic-ai/sdk/resources/messages/batches";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeApi, type FakeApiCall, type FakeApiOptions, startFakeApi } from "./fake-api.js";

const servers: FakeApi[] = [];

afterAll(() => Promise.all(servers.map((server) => server.close())));

async function fakeWith(options: FakeApiOptions = {}): Promise<{ fake: FakeApi; client: Anthropic }> {
  const fake = await startFakeApi(options);
  servers.push(fake);
  return {
    fake,
    client: new Anthropic({ apiKey: "sk-ant-test", baseURL: fake.anthropicBaseURL, maxRetries: 0 }),
  };
}

const params = (content: string) => ({
  model: "claude-test",
  max_tokens: 100,
  messages: [{ role: "user" as const, content }],
});

const requests = (...ids: string[]) => ids.map((id) => ({ custom_id: id, params: params(id) }));

const contentOf = (call: FakeApiCall): string =>
  (call.body as { messages: [{ content: string }] }).messages[0].content;

async function untilEnded(client: Anthropic, id: string): Promise<{ batch: MessageBatch; seen: string[] }> {
  const seen: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const batch = await client.messages.batches.retrieve(id);
    seen.push(batch.processing_status);
    if (batch.processing_status === "ended") return { batch, seen };
  }
  throw new Error(`batch ${id} never ended: ${seen.join(", ")}`);
}

async function results(client: Anthropic, id: string): Promise<Map<string, MessageBatchResult>> {
  const found = new Map<string, MessageBatchResult>();
  for await (const line of await client.messages.batches.results(id)) found.set(line.custom_id, line.result);
  return found;
}

describe("fake Anthropic message batches", () => {
  let fake: FakeApi;
  let client: Anthropic;
  const calls: FakeApiCall[] = [];
  const STATUS: Record<string, number> = { bad: 400, busy: 429, over: 529, down: 503 };

  beforeAll(async () => {
    ({ fake, client } = await fakeWith({
      respond: (call) => {
        calls.push(call);
        const content = contentOf(call);
        const status = STATUS[content];
        if (status) return { status };
        return content === "cut" ? { reset: true } : { text: `echo ${content}` };
      },
    }));
  });

  it("a batch runs, then ends; its results are what the messages route answers", async () => {
    const created = await client.messages.batches.create({ requests: requests("a", "b") });
    expect(created).toMatchObject({
      type: "message_batch",
      processing_status: "in_progress",
      request_counts: { processing: 2, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      archived_at: null,
      cancel_initiated_at: null,
      results_url: null,
    });
    expect(created.id).toMatch(/^msgbatch_/);
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(24 * 3600 * 1000);
    // Before the batch has ended the SDK finds no results_url, and the URL itself refuses.
    await expect(client.messages.batches.results(created.id)).rejects.toBeInstanceOf(AnthropicError);
    const early = await fetch(`${fake.url}/v1/messages/batches/${created.id}/results`);
    expect(early.status).toBe(400);

    const { batch, seen } = await untilEnded(client, created.id);
    expect(seen).toEqual(["in_progress", "ended"]);
    expect(batch.request_counts).toEqual({
      processing: 0,
      succeeded: 2,
      errored: 0,
      canceled: 0,
      expired: 0,
    });
    expect(batch.results_url).toBe(`${fake.url}/v1/messages/batches/${created.id}/results`);
    expect(batch.ended_at).toEqual(expect.any(String));
    expect(calls.map((c) => [c.api, c.attempt, c.batch])).toEqual([
      ["anthropic", 1, { id: created.id, customId: "a" }],
      ["anthropic", 1, { id: created.id, customId: "b" }],
    ]);
    const found = await results(client, created.id);
    const a = found.get("a");
    expect(a?.type).toBe("succeeded");
    const alone = await client.messages.create(params("a"));
    expect(calls.at(-1)?.attempt).toBe(2);
    expect(a?.type === "succeeded" && { ...a.message, id: "" }).toEqual({ ...alone, id: "" });
    expect(fake.batchSubmissions.get("anthropic:b")).toBe(1);
    expect(fake.batches.find((b) => b.id === created.id)).toMatchObject({ status: "ended", count: 2 });
  });

  it("error replies come back errored, typed by their status", async () => {
    const created = await client.messages.batches.create({
      requests: requests("ok", "bad", "busy", "over", "down", "cut"),
    });
    const { batch } = await untilEnded(client, created.id);
    expect(batch.request_counts).toMatchObject({ succeeded: 1, errored: 5 });
    const found = await results(client, created.id);
    const types = [...found].map(([id, r]) => [id, r.type === "errored" ? r.error.error.type : r.type]);
    expect(types).toEqual([
      ["ok", "succeeded"],
      ["bad", "invalid_request_error"],
      ["busy", "rate_limit_error"],
      ["over", "overloaded_error"],
      ["down", "api_error"],
      ["cut", "api_error"],
    ]);
    expect(found.get("bad")).toMatchObject({
      error: { type: "error", error: { message: "fake error 400" } },
    });
  });

  it("a cancelled batch ends with its unanswered requests canceled; an ended one stays", async () => {
    const created = await client.messages.batches.create({ requests: requests("c1", "c2") });
    const canceling = await client.messages.batches.cancel(created.id);
    expect(canceling).toMatchObject({
      processing_status: "canceling",
      cancel_initiated_at: expect.any(String),
    });
    const { batch } = await untilEnded(client, created.id);
    expect(batch.request_counts).toMatchObject({ canceled: 2, succeeded: 0 });
    expect([...(await results(client, created.id)).values()]).toEqual([
      { type: "canceled" },
      { type: "canceled" },
    ]);
    expect(await client.messages.batches.cancel(created.id)).toEqual(batch);
  });

  it("lists batches newest first, a page at a time either way", async () => {
    const ids: string[] = [];
    for (const id of ["l1", "l2", "l3"])
      ids.push((await client.messages.batches.create({ requests: requests(id) })).id);
    const first = await client.messages.batches.list({ limit: 2 });
    expect(first.data.map((b) => b.id)).toEqual([ids[2], ids[1]]);
    expect(first).toMatchObject({ has_more: true, first_id: ids[2], last_id: ids[1] });
    expect((await first.getNextPage()).data[0]?.id).toBe(ids[0]);
    const newer = await client.messages.batches.list({ limit: 1, before_id: ids[0] });
    expect(newer.data.map((b) => b.id)).toEqual([ids[1]]);
    const all: string[] = [];
    for await (const batch of client.messages.batches.list({ limit: 2 })) all.push(batch.id);
    expect(all).toHaveLength(fake.batches.length);
  });

  it("refuses a bad or repeated custom_id with a 400, and an unknown batch with a 404", async () => {
    const bad = client.messages.batches.create({ requests: requests("has space") });
    await expect(bad).rejects.toBeInstanceOf(BadRequestError);
    await expect(bad).rejects.toMatchObject({ error: { error: { type: "invalid_request_error" } } });
    await expect(client.messages.batches.create({ requests: requests("x".repeat(65)) })).rejects.toThrow(
      /pattern/,
    );
    await expect(client.messages.batches.create({ requests: requests("d", "d") })).rejects.toThrow(
      /Duplicate/,
    );
    await expect(client.messages.batches.create({ requests: [] })).rejects.toBeInstanceOf(BadRequestError);
    expect(fake.batchSubmissions.has("anthropic:d")).toBe(false);
    await expect(client.messages.batches.retrieve("msgbatch_nope")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("fake Anthropic batches that expire, or arrive in parts", () => {
  it("an expired batch answers none, or the first expireAfter; the rest are expired", async () => {
    const fates = ["expire", { expireAfter: 1 }] as const;
    const { client } = await fakeWith({
      respond: (call) => ({ text: contentOf(call) }),
      batch: { pollsToFinish: 0, fate: ({ index }) => fates[index] ?? "complete" },
    });
    const none = await client.messages.batches.create({ requests: requests("a", "b") });
    expect((await untilEnded(client, none.id)).batch.request_counts).toMatchObject({ expired: 2 });
    expect([...(await results(client, none.id)).values()]).toEqual([
      { type: "expired" },
      { type: "expired" },
    ]);
    const part = await client.messages.batches.create({ requests: requests("a", "b") });
    await untilEnded(client, part.id);
    const found = await results(client, part.id);
    expect([found.get("a")?.type, found.get("b")?.type]).toEqual(["succeeded", "expired"]);
  });

  it("the first download of the results is cut after cutResultsAfter lines; the next is whole", async () => {
    const { client, fake } = await fakeWith({ batch: { pollsToFinish: 0, cutResultsAfter: 2 } });
    const created = await client.messages.batches.create({ requests: requests("a", "b", "c", "d") });
    await untilEnded(client, created.id);
    const received: MessageBatchIndividualResponse[] = [];
    const reading = (async () => {
      for await (const line of await client.messages.batches.results(created.id)) received.push(line);
    })();
    await expect(reading).rejects.toThrow();
    expect(received.map((r) => r.custom_id)).toEqual(["a", "b"]);
    expect([...(await results(client, created.id)).keys()]).toEqual(["a", "b", "c", "d"]);
    expect(fake.batches[0]?.retrieves).toBe(3);
  });
});

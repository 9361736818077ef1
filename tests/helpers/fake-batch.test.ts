// The fake API's OpenAI batch API, driven through the real OpenAI SDK (Anthropic's: fake-batch-anthropic.test.ts).
import OpenAI, { NotFoundError, toFile } from "openai";
import type { Batch } from "openai/resources/batches";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeApi, type FakeApiCall, type FakeApiOptions, startFakeApi } from "./fake-api.js";

const ENDED = new Set(["completed", "failed", "expired", "cancelled"]);
const servers: FakeApi[] = [];

afterAll(() => Promise.all(servers.map((server) => server.close())));

async function fakeWith(options: FakeApiOptions = {}): Promise<{ fake: FakeApi; client: OpenAI }> {
  const fake = await startFakeApi(options);
  servers.push(fake);
  return { fake, client: new OpenAI({ apiKey: "sk-test", baseURL: fake.openaiBaseURL, maxRetries: 0 }) };
}

const request = (content: string, model = "gpt-test") => ({
  model,
  messages: [{ role: "user" as const, content }],
});

const line = (customId: string, content: string, model?: string) =>
  JSON.stringify({
    custom_id: customId,
    method: "POST",
    url: "/v1/chat/completions",
    body: request(content, model),
  });

async function submit(client: OpenAI, lines: string[], metadata?: Record<string, string>): Promise<Batch> {
  const file = await client.files.create({
    file: await toFile(Buffer.from(`${lines.join("\n")}\n`), "batch.jsonl"),
    purpose: "batch",
  });
  return client.batches.create({
    input_file_id: file.id,
    endpoint: "/v1/chat/completions",
    completion_window: "24h",
    ...(metadata ? { metadata } : {}),
  });
}

/** Retrieves until the batch has ended; the statuses seen on the way. */
async function untilEnded(client: OpenAI, id: string): Promise<{ batch: Batch; seen: string[] }> {
  const seen: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const batch = await client.batches.retrieve(id);
    seen.push(batch.status);
    if (ENDED.has(batch.status)) return { batch, seen };
  }
  throw new Error(`batch ${id} never ended: ${seen.join(", ")}`);
}

type ResultLine = {
  id: string;
  custom_id: string;
  response: { status_code: number; request_id: string; body: Record<string, unknown> } | null;
  error: { code: string; message: string } | null;
};

async function download(client: OpenAI, fileId: string | null | undefined): Promise<Map<string, ResultLine>> {
  if (!fileId) throw new Error("no file id");
  const text = await (await client.files.content(fileId)).text();
  const lines = text.split("\n").filter((l) => l !== "");
  return new Map(lines.map((l) => JSON.parse(l) as ResultLine).map((r) => [r.custom_id, r]));
}

const contentOf = (call: FakeApiCall): string =>
  (call.body as { messages: [{ content: string }] }).messages[0].content;

describe("fake OpenAI batch API", () => {
  let fake: FakeApi;
  let client: OpenAI;
  const calls: FakeApiCall[] = [];

  beforeAll(async () => {
    ({ fake, client } = await fakeWith({
      respond: (call) => {
        calls.push(call);
        const content = contentOf(call);
        if (content === "fail") return { status: 500 };
        if (content === "limit") return { status: 429 };
        if (content === "hang") return { hang: true };
        return { text: `echo ${content}` };
      },
    }));
  });

  it("a batch validates, runs, finalizes and completes, its output what the chat route answers", async () => {
    const created = await submit(client, [line("a", "one"), line("b", "two")], { tag: "t1" });
    expect(created).toMatchObject({
      object: "batch",
      status: "validating",
      endpoint: "/v1/chat/completions",
      completion_window: "24h",
      errors: null,
      output_file_id: null,
      error_file_id: null,
      metadata: { tag: "t1" },
      request_counts: { total: 0, completed: 0, failed: 0 },
    });
    expect(created.id).toMatch(/^batch_/);
    expect(created.expires_at).toBe(created.created_at + 24 * 3600);
    expect(calls).toEqual([]);

    const { batch, seen } = await untilEnded(client, created.id);
    expect(seen).toEqual(["in_progress", "finalizing", "completed"]);
    expect(batch).toMatchObject({
      request_counts: { total: 2, completed: 2, failed: 0 },
      error_file_id: null,
    });
    expect(batch.completed_at).toEqual(expect.any(Number));
    expect(calls.map((c) => [c.api, c.attempt, c.batch])).toEqual([
      ["openai", 1, { id: created.id, customId: "a" }],
      ["openai", 1, { id: created.id, customId: "b" }],
    ]);

    const output = await download(client, batch.output_file_id);
    const a = output.get("a");
    expect(a).toMatchObject({ id: expect.stringMatching(/^batch_req_/), error: null });
    expect(a?.response?.status_code).toBe(200);
    expect(output.get("b")?.response?.body).toMatchObject({
      choices: [{ message: { content: "echo two" } }],
    });
    // The same request made alone: the same answer apart from ids and time, and counted as a repeat.
    const alone = await client.chat.completions.create(request("one"));
    expect(calls.at(-1)?.attempt).toBe(2);
    expect({ ...alone, id: "", created: 0 }).toEqual({ ...a?.response?.body, id: "", created: 0 });
    const tokensOf = (body: Record<string, unknown> | undefined) =>
      (body?.usage as { total_tokens?: number } | undefined)?.total_tokens ?? 0;
    expect(batch.usage?.total_tokens).toBe(
      tokensOf(a?.response?.body) + tokensOf(output.get("b")?.response?.body),
    );
    expect(fake.batchSubmissions.get("openai:a")).toBe(1);
    expect(fake.batches.find((b) => b.id === created.id)).toMatchObject({
      api: "openai",
      status: "completed",
      count: 2,
      retrieves: 3,
      customIds: ["a", "b"],
    });
    const file = await client.files.retrieve(batch.output_file_id ?? "");
    expect(file).toMatchObject({ object: "file", purpose: "batch_output", status: "processed" });
  });

  it("error replies, hangs included, go to the error file as status lines", async () => {
    const created = await submit(client, [
      line("ok", "fine"),
      line("e", "fail"),
      line("r", "limit"),
      line("h", "hang"),
    ]);
    const { batch } = await untilEnded(client, created.id);
    expect(batch.request_counts).toEqual({ total: 4, completed: 1, failed: 3 });
    const errors = await download(client, batch.error_file_id);
    expect([...errors.keys()]).toEqual(["e", "r", "h"]);
    expect(errors.get("e")).toMatchObject({
      response: { status_code: 500, body: { error: { message: "fake error 500" } } },
      error: null,
    });
    expect(errors.get("r")?.response?.status_code).toBe(429);
    expect(errors.get("h")?.response?.status_code).toBe(500);
    expect([...(await download(client, batch.output_file_id)).keys()]).toEqual(["ok"]);
  });

  it("a file with bad lines fails the batch with an error per line, and counts no submission", async () => {
    const lines = [
      line("x", "one"),
      "not json",
      JSON.stringify({ custom_id: "y", method: "GET", url: "/v1/chat/completions", body: request("y") }),
      JSON.stringify({ custom_id: "z", method: "POST", url: "/v1/embeddings", body: request("z") }),
      line("x", "again"),
      line("m", "other model", "gpt-other"),
    ];
    const created = await submit(client, lines);
    expect(created.status).toBe("validating");
    const failed = await client.batches.retrieve(created.id);
    expect(failed.status).toBe("failed");
    expect(failed.failed_at).toEqual(expect.any(Number));
    expect(failed.errors?.data?.map((e) => [e.line, e.code])).toEqual([
      [2, "invalid_json_line"],
      [3, "invalid_method"],
      [4, "invalid_url"],
      [5, "duplicate_custom_id"],
      [6, "mismatched_model"],
    ]);
    expect(fake.batchSubmissions.has("openai:x")).toBe(false);
  });

  it("lists batches newest first, a page at a time", async () => {
    const ids: string[] = [];
    for (const name of ["p1", "p2", "p3"]) ids.push((await submit(client, [line(name, name)])).id);
    const first = await client.batches.list({ limit: 2 });
    expect(first.data.map((b) => b.id)).toEqual([ids[2], ids[1]]);
    expect(first.has_more).toBe(true);
    const second = await first.getNextPage();
    expect(second.data[0]?.id).toBe(ids[0]);
    const all: string[] = [];
    for await (const batch of client.batches.list({ limit: 2 })) all.push(batch.id);
    expect(all.slice(0, 3)).toEqual([...ids].reverse());
    expect(all).toHaveLength(fake.batches.length);
  });

  it("a cancelled batch answers nothing; cancelling an ended one changes nothing", async () => {
    const before = calls.length;
    const created = await submit(client, [line("c1", "one"), line("c2", "two")]);
    await client.batches.retrieve(created.id);
    const cancelling = await client.batches.cancel(created.id);
    expect(cancelling).toMatchObject({ status: "cancelling", cancelling_at: expect.any(Number) });
    const cancelled = await client.batches.retrieve(created.id);
    expect(cancelled).toMatchObject({ status: "cancelled", output_file_id: null, error_file_id: null });
    expect(calls.length).toBe(before);
    expect((await client.batches.cancel(created.id)).status).toBe("cancelled");
  });

  it("an unknown batch or file is a 404", async () => {
    await expect(client.batches.retrieve("batch_nope")).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.files.content("file-nope")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("fake OpenAI batches that expire, or arrive in parts", () => {
  it("an expired batch answers none, or the first expireAfter; the rest are batch_expired errors", async () => {
    const fates = ["expire", { expireAfter: 2 }] as const;
    const { client, fake } = await fakeWith({
      respond: (call) => ({ text: contentOf(call) }),
      batch: { pollsToFinish: 0, fate: ({ index }) => fates[index] ?? "complete" },
    });
    const lines = ["a", "b", "c"].map((id) => line(id, id));
    const none = (await untilEnded(client, (await submit(client, lines)).id)).batch;
    expect(none).toMatchObject({ status: "expired", output_file_id: null, expired_at: expect.any(Number) });
    expect(none.request_counts).toEqual({ total: 3, completed: 0, failed: 3 });
    expect((await download(client, none.error_file_id)).get("a")).toMatchObject({
      response: null,
      error: { code: "batch_expired" },
    });
    const part = (await untilEnded(client, (await submit(client, lines)).id)).batch;
    expect(part.status).toBe("expired");
    expect([...(await download(client, part.output_file_id)).keys()]).toEqual(["a", "b"]);
    expect([...(await download(client, part.error_file_id)).keys()]).toEqual(["c"]);
    expect(fake.batchSubmissions.get("openai:a")).toBe(2);
  });

  it("the first download of a result file is cut after cutResultsAfter lines; the next is whole", async () => {
    const { client } = await fakeWith({ batch: { pollsToFinish: 0, cutResultsAfter: 2 } });
    const lines = ["a", "b", "c", "d", "e"].map((id) => line(id, id));
    const { batch } = await untilEnded(client, (await submit(client, lines)).id);
    const first = await client.files.content(batch.output_file_id ?? "");
    const reader = first.body?.getReader();
    let received = "";
    await expect(
      (async () => {
        for (;;) {
          const chunk = await reader?.read();
          if (!chunk || chunk.done) return;
          received += Buffer.from(chunk.value).toString("utf8");
        }
      })(),
    ).rejects.toThrow();
    expect(received.split("\n").filter((l) => l !== "")).toHaveLength(2);
    expect((await download(client, batch.output_file_id)).size).toBe(5);
  });
});

// The same suite through the openai and anthropic providers (real SDKs, loopback fake API) scores exactly
// as through replay, and a second run is answered from the cache without a single request.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { loadDataset } from "../../src/dataset/index.js";
import { renderTranscript } from "../../src/prompt/transcript.js";
import { runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import { promptParts } from "../helpers/fake-api-replies.js";

const DEMO = path.resolve("datasets/demo");
const KEYS = { OPENAI_API_KEY: "sk-canary-openai-7f3a9c", ANTHROPIC_API_KEY: "sk-ant-canary-41d2e8" };

function configFor(api: FakeApi): string {
  return `import { Appointment } from ${JSON.stringify(path.resolve("schemas/appointment.ts"))};
export default {
  name: "equivalence",
  dataset: ${JSON.stringify(path.join(DEMO, "calls.jsonl"))},
  prompt: ${JSON.stringify(path.resolve("prompts/extract-appointment.md"))},
  knowledgeBase: ${JSON.stringify([path.resolve("prompts/kb/clinic.md"), path.resolve("prompts/kb/restaurant.md")])},
  schema: Appointment,
  models: [
    { id: "replay", provider: "replay", path: ${JSON.stringify(path.join(DEMO, "recorded/prod-v1.jsonl"))} },
    { id: "openai", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}" },
    { id: "anthropic", provider: "anthropic", model: "claude-haiku-4-5", baseURL: "${api.anthropicBaseURL}" },
  ],
  concurrency: 8,
};
`;
}

const summaryOf = (dir: string, name: string): RunSummary =>
  JSON.parse(readFileSync(path.join(dir, name, "summary.json"), "utf8"));

describe("the demo suite through openai and anthropic", () => {
  let api: FakeApi;
  let dir: string;
  let first: RunSummary;

  beforeAll(async () => {
    const cases = await loadDataset(path.join(DEMO, "calls.jsonl"));
    const recorded = new Map<string, unknown>();
    for (const line of readFileSync(path.join(DEMO, "recorded/prod-v1.jsonl"), "utf8").trim().split("\n")) {
      const row = JSON.parse(line) as { id: string; output: unknown };
      recorded.set(row.id, row.output);
    }
    const byTranscript = new Map(cases.map((c) => [renderTranscript(c.transcript), recorded.get(c.id)]));
    api = await startFakeApi({
      respond: ({ api: kind, body }) => {
        const rest = promptParts(kind, body).rest;
        const transcript = /<transcript>\n([\s\S]*)\n<\/transcript>/.exec(rest)?.[1] ?? "";
        const output = byTranscript.get(transcript);
        if (output === undefined) return { status: 400, body: { error: { message: "unknown case" } } };
        return typeof output === "string" ? { text: output } : { json: output as object };
      },
    });
    dir = mkdtempSync(path.join(tmpdir(), "cg-equiv-"));
    writeFileSync(path.join(dir, "callgrade.config.ts"), configFor(api));
    const result = await runCli(["run", "--store", "store.db", "--out", "first"], { cwd: dir, env: KEYS });
    expect(result.stderr).not.toContain("unexpected");
    expect(result.code).toBe(0);
    first = summaryOf(dir, "first");
  });

  afterAll(async () => {
    await api.close();
  });

  it("scores every field exactly as the replay of the same outputs", () => {
    const [replay, openai, anthropic] = first.models;
    expect(openai?.errors).toBe(0);
    expect(anthropic?.errors).toBe(0);
    for (const model of [openai, anthropic]) {
      expect(model?.schemaValidRate).toBe(replay?.schemaValidRate);
      expect(model?.fieldAccuracy).toBe(replay?.fieldAccuracy);
      expect(model?.fields).toEqual(replay?.fields);
    }
    expect(replay?.fieldAccuracy).toBeGreaterThan(0.5);
    expect(replay?.fieldAccuracy).toBeLessThan(1);
  });

  it("sends each case once per model, with a stable prefix identical in every request", () => {
    const byApi = (p: string) => api.requests.filter((r) => r.path === p);
    const openaiRequests = byApi("/v1/chat/completions");
    const anthropicRequests = byApi("/v1/messages");
    expect(openaiRequests).toHaveLength(56);
    expect(anthropicRequests).toHaveLength(56);
    expect(new Set(openaiRequests.map((r) => promptParts("openai", r.body).prefix)).size).toBe(1);
    expect(new Set(anthropicRequests.map((r) => promptParts("anthropic", r.body).prefix)).size).toBe(1);
    // The user message of both providers is the same string: every model gets exactly the same prompt.
    const rests = (kind: "openai" | "anthropic", list: typeof openaiRequests) =>
      new Set(list.map((r) => promptParts(kind, r.body).rest));
    expect(rests("openai", openaiRequests)).toEqual(rests("anthropic", anthropicRequests));
  });

  it("asks for structured output from the schema and reports tokens, cached tokens and cost", () => {
    const openaiBody = api.requests.find((r) => r.path === "/v1/chat/completions")?.body as Record<
      string,
      unknown
    >;
    expect(openaiBody.response_format).toMatchObject({ type: "json_schema", json_schema: { strict: true } });
    const anthropicBody = api.requests.find((r) => r.path === "/v1/messages")?.body as Record<
      string,
      unknown
    >;
    expect(anthropicBody.tool_choice).toMatchObject({ type: "tool" });
    const [, openai, anthropic] = first.models;
    for (const model of [openai, anthropic]) {
      expect(model?.tokens.input).toBeGreaterThan(0);
      expect(model?.tokens.output).toBeGreaterThan(0);
      expect(model?.tokens.cachedInput).toBeGreaterThan(0);
      expect(model?.costUsd).toBeGreaterThan(0);
    }
  });

  it("a second run is answered from the cache: the server sees no request and the scores are the same", async () => {
    const before = api.requests.length;
    const result = await runCli(["run", "--store", "store.db", "--out", "second"], { cwd: dir, env: KEYS });
    expect(result.code).toBe(0);
    expect(api.requests.length).toBe(before);
    const second = summaryOf(dir, "second");
    expect(second.runId).not.toBe(first.runId);
    expect(second.models.map((m) => m.cachedCalls)).toEqual([0, 56, 56]);
    expect(second.models.map((m) => m.fields)).toEqual(first.models.map((m) => m.fields));
    expect(second.models.map((m) => m.costUsd)).toEqual(first.models.map((m) => m.costUsd));
  });

  it("--no-cache sends every call again", async () => {
    const before = api.requests.length;
    const result = await runCli(
      ["run", "--store", "store.db", "--out", "third", "--no-cache", "--limit", "5"],
      {
        cwd: dir,
        env: KEYS,
      },
    );
    expect(result.code).toBe(0);
    expect(api.requests.length - before).toBe(10);
  });

  it("never writes an API key to the store or a report", () => {
    for (const file of ["store.db", "store.db-wal", "first/summary.json", "first/report.md"]) {
      let bytes: string;
      try {
        bytes = readFileSync(path.join(dir, file), "latin1");
      } catch {
        continue;
      }
      for (const key of Object.values(KEYS)) expect(bytes).not.toContain(key);
    }
  });
});

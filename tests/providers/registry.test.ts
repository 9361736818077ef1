import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseSuite } from "../../src/api/suite.js";
import { modelConfig } from "../../src/config/schema.js";
import type { Provider } from "../../src/core/types.js";
import { BUILT_IN_PROVIDERS, createProvider, isSkipped, type Skipped } from "../../src/providers/index.js";
import { ROOT } from "../helpers/cli.js";
import { completionRequest } from "../helpers/completion-request.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";

let fake: FakeApi;
const signal = new AbortController().signal;
const ctx = (env: NodeJS.ProcessEnv = {}) => ({ baseDir: "/nowhere", env });

beforeAll(async () => {
  fake = await startFakeApi();
});
afterAll(() => fake.close());

function provider(value: Provider | Skipped): Provider {
  if (isSkipped(value)) throw new Error(value.skipped);
  return value;
}

describe("createProvider", () => {
  it("skips a hosted model without an API key, saying which variable to set", async () => {
    const openai = await createProvider({ id: "gpt", provider: "openai", model: "gpt-4o" }, ctx());
    expect(openai).toEqual({ skipped: "no API key: set OPENAI_API_KEY (or apiKeyEnv) to include it" });
    const claude = await createProvider(
      { id: "claude", provider: "anthropic", model: "claude-haiku-4-5", apiKeyEnv: "MY_CLAUDE_KEY" },
      ctx({ ANTHROPIC_API_KEY: "unused", MY_CLAUDE_KEY: "" }),
    );
    expect(claude).toEqual({ skipped: "no API key: set MY_CLAUDE_KEY to include it" });
  });

  it("uses the key from the environment variable", async () => {
    const config = {
      id: "claude",
      provider: "anthropic" as const,
      model: "m",
      baseURL: fake.anthropicBaseURL,
    };
    const made = provider(await createProvider(config, ctx({ ANTHROPIC_API_KEY: "sk-ant-env" })));
    expect(made.id).toBe("claude");
    await made.complete(completionRequest(), { signal });
    // Anthropic SDK 1.x sends the key as a Bearer token; older ones used x-api-key.
    const headers = fake.requests.at(-1)?.headers;
    expect(headers?.authorization ?? headers?.["x-api-key"]).toMatch(/^(Bearer )?sk-ant-env$/);
  });

  it("a local OpenAI-compatible server needs no key", async () => {
    const config = {
      id: "local",
      provider: "openai" as const,
      model: "llama3.1:8b",
      baseURL: fake.openaiBaseURL,
    };
    const made = provider(await createProvider(config, ctx()));
    const result = await made.complete(completionRequest(), { signal });
    expect(result.ok).toBe(true);
    expect(fake.requests.at(-1)?.headers.authorization).toBe("Bearer not-needed");
  });

  it("resolves a replay path against the config's directory", async () => {
    const dir = await mkdtemp(join(tmpdir(), "callgrade-registry-"));
    await writeFile(join(dir, "prod.jsonl"), '{"id": "call-001", "output": {"name": "Ana"}}\n');
    const made = provider(
      await createProvider({ id: "prod", provider: "replay", path: "prod.jsonl" }, { baseDir: dir, env: {} }),
    );
    expect(await made.complete(completionRequest(), { signal })).toMatchObject({
      ok: true,
      text: '{"name":"Ana"}',
    });
    await rm(dir, { recursive: true, force: true });
  });
});

describe("the registry", () => {
  it("registers each provider of the config's typed union, with that union's own schema", () => {
    expect(BUILT_IN_PROVIDERS.map((p) => p.configSchema)).toEqual(modelConfig.options);
  });

  it("names a typo in any provider's entry from that provider's own schema, a custom model's too", () => {
    const config = {
      name: "s",
      dataset: "d.jsonl",
      prompt: "p.md",
      schema: z.object({}),
      models: [{ id: "rules", provider: "custom", path: "x.ts", timoutMs: 5 }],
    };
    expect(() => parseSuite(config, "/suite/callgrade.config.ts")).toThrow(
      '/suite/callgrade.config.ts: invalid config\n  models.0.timoutMs: unknown option; did you mean "timeoutMs"?',
    );
  });

  it("is the only place that knows a provider by name: nothing outside src/providers compares kinds", () => {
    const src = join(ROOT, "src");
    const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter(
      (file) => /\.tsx?$/.test(file) && !/^(providers|config)[/\\]/.test(file),
    );
    const branches = files.filter((file) =>
      /\.provider\s*[!=]==\s*["']|provider\s*[!=]==\s*["'](?:openai|anthropic|replay|custom)["']/.test(
        readFileSync(join(src, file), "utf8"),
      ),
    );
    expect(branches).toEqual([]);
  });
});

// Kill a run of 1,200 calls with SIGKILL at several points, resume it each time, and check that no finished
// call was ever sent twice and that the final summary equals an uninterrupted run's.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { ROOT, runCli, startCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import { promptParts } from "../helpers/fake-api-replies.js";

const CASES = 600;
const ENV = { OPENAI_API_KEY: "sk-test-resume", ANTHROPIC_API_KEY: "sk-ant-test-resume" };
const MODEL_IDS: Record<string, string> = { "gpt-4.1-mini": "o", "claude-haiku-4-5": "a" };

function suite(dir: string, api: FakeApi): void {
  const rows = Array.from({ length: CASES }, (_, i) => {
    const id = `c${String(i).padStart(4, "0")}`;
    return JSON.stringify({
      id,
      transcript: `caller: this is call ${id}, a table for ${(i % 6) + 1}, name Guest ${i}`,
      gold: { name: `Guest ${i}`, size: (i % 6) + 1 },
    });
  });
  writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
  writeFileSync(
    path.join(dir, "prompt.md"),
    "Extract name and party size as JSON.\n{{schema}}\n<transcript>\n{{transcript}}\n</transcript>\n",
  );
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from ${JSON.stringify(path.join(ROOT, "node_modules/zod/index.js"))};
export default {
  name: "resume",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({ name: z.string().nullable(), size: z.number().nullable() }),
  models: [
    { id: "o", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}" },
    { id: "a", provider: "anthropic", model: "claude-haiku-4-5", baseURL: "${api.anthropicBaseURL}" },
  ],
  concurrency: 32,
};
`,
  );
}

/** The model answers from the call itself; every 7th call it gets the party size wrong, so scores are not trivial. */
function answer({ api, body }: { api: "openai" | "anthropic"; body: unknown }) {
  const id = /call (c\d{4})/.exec(promptParts(api, body).rest)?.[1] ?? "";
  const i = Number(id.slice(1));
  return { json: { name: `Guest ${i}`, size: i % 7 === 0 ? 99 : (i % 6) + 1 } };
}

/** (case, model) of a request the fake server received. */
function callOf(request: { path: string; body: unknown }): string {
  const kind = request.path.endsWith("/messages") ? "anthropic" : "openai";
  const id = /call (c\d{4})/.exec(promptParts(kind, request.body).rest)?.[1] ?? "?";
  const model = MODEL_IDS[(request.body as { model?: string }).model ?? ""] ?? "?";
  return `${id}/${model}`;
}

function finishedCalls(storeFile: string): Set<string> {
  const db = new Database(storeFile, { readonly: true });
  try {
    const rows = db.prepare("SELECT case_id, model_id FROM calls WHERE status = 'ok'").all() as {
      case_id: string;
      model_id: string;
    }[];
    return new Set(rows.map((r) => `${r.case_id}/${r.model_id}`));
  } finally {
    db.close();
  }
}

// Cached input tokens are left out: they depend on what the provider's prompt cache had seen, not on callgrade.
const comparable = (s: RunSummary) =>
  s.models.map((m) => ({
    id: m.id,
    calls: m.calls,
    errors: m.errors,
    valid: m.schemaValidRate,
    acc: m.fieldAccuracy,
    fields: m.fields,
    // Cached input tokens are left out: they depend on what the provider's prompt cache had seen.
    input: m.tokens.input,
    output: m.tokens.output,
  }));

describe("resume after SIGKILL", () => {
  let api: FakeApi;
  let reference: RunSummary;

  beforeAll(async () => {
    api = await startFakeApi({ latencyMs: 2, respond: answer });
    const dir = mkdtempSync(path.join(tmpdir(), "cg-resume-ref-"));
    suite(dir, api);
    const result = await runCli(["run", "--store", "s.db", "--out", "out"], { cwd: dir, env: ENV });
    expect(result.code).toBe(0);
    reference = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
  });

  afterAll(async () => {
    await api.close();
  });

  it("never sends a finished call again, and ends with the uninterrupted run's summary", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-resume-"));
    suite(dir, api);
    const storeFile = path.join(dir, "s.db");
    const start = api.requests.length;
    const kills: { at: number; finished: Set<string> }[] = [];
    for (const [round, threshold] of [150, 500, 850].entries()) {
      const args = round === 0 ? ["run", "--store", "s.db"] : ["run", "--resume", "--store", "s.db"];
      const { child, exited } = startCli(args, { cwd: dir, env: ENV });
      const deadline = Date.now() + 30_000;
      while (api.requests.length - start < threshold && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      child.kill("SIGKILL");
      expect((await exited).signal).toBe("SIGKILL");
      kills.push({ at: api.requests.length, finished: finishedCalls(storeFile) });
    }
    const last = await runCli(["run", "--resume", "--store", "s.db", "--out", "out"], { cwd: dir, env: ENV });
    expect(last.stderr).not.toContain("unexpected");
    expect(last.code).toBe(0);

    // Every kill left some calls finished, and none of them was requested again afterwards.
    for (const kill of kills) {
      expect(kill.finished.size).toBeGreaterThan(0);
      const again = api.requests
        .slice(kill.at)
        .map(callOf)
        .filter((call) => kill.finished.has(call));
      expect(again).toEqual([]);
    }
    // At most the calls in flight at each kill were sent twice.
    const sent = api.requests.slice(start).map(callOf);
    expect(new Set(sent).size).toBe(CASES * 2);
    expect(sent.length - CASES * 2).toBeLessThanOrEqual(3 * 32 * 2);

    const resumed: RunSummary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    expect(resumed.status).toBe("finished");
    expect(comparable(resumed)).toEqual(comparable(reference));
    expect(resumed.models[0]?.fields.size?.accuracy).toBeCloseTo(1 - Math.ceil(CASES / 7) / CASES, 10);
  }, 120_000);

  it("Ctrl-C stops cleanly, keeps what finished, prints how to resume, and the resume completes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-sigint-"));
    suite(dir, api);
    const start = api.requests.length;
    const { child, exited } = startCli(["run", "--store", "s.db", "--no-cache"], { cwd: dir, env: ENV });
    const deadline = Date.now() + 30_000;
    while (api.requests.length - start < 200 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGINT");
    const stopped = await exited;
    expect(stopped.code).toBe(3);
    expect(stopped.stderr).toMatch(/stopping: waiting for calls in flight/);
    const runId = /Resume with: npx callgrade run --resume (\S+)/.exec(stopped.stderr)?.[1];
    expect(runId).toBeDefined();
    const kept = finishedCalls(path.join(dir, "s.db"));
    expect(kept.size).toBeGreaterThan(0);
    expect(kept.size).toBeLessThan(CASES * 2);
    const resumed = await runCli(
      ["run", "--resume", runId ?? "", "--store", "s.db", "--out", "out", "--no-cache"],
      { cwd: dir, env: ENV },
    );
    expect(resumed.code).toBe(0);
    const summary: RunSummary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    expect(summary.runId).toBe(runId);
    expect(comparable(summary)).toEqual(comparable(reference));
  }, 120_000);
});

// Batched models against the loopback server's batch endpoints, through the real SDKs: the same answers as
// normal calls at half the price, the cache serving either way, expired and failed requests sent again,
// a submission cut short found rather than sent twice, and --no-wait leaving a run a resume completes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSuite, run } from "../../src/index.js";
import { Store } from "../../src/store/index.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { type FakeApi, type FakeApiCall, startFakeApi } from "../helpers/fake-api.js";
import { promptParts } from "../helpers/fake-api-replies.js";

const ENV = { OPENAI_API_KEY: "sk-test-batch", ANTHROPIC_API_KEY: "sk-ant-test-batch" };
const PRICE = "price: { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 2 }";

/** A suite of `cases` calls, with an OpenAI and an Anthropic model on the fake server. */
async function suite(api: FakeApi, cases: number, batch: boolean) {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-batch-"));
  const rows = Array.from({ length: cases }, (_, i) =>
    JSON.stringify({
      id: `call-${i}`,
      transcript: `caller: call ${i}, a table for ${(i % 5) + 1}, name Guest ${i}`,
      gold: { name: `Guest ${i}`, size: (i % 5) + 1 },
    }),
  );
  writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
  writeFileSync(
    path.join(dir, "prompt.md"),
    "Extract name and party size as JSON.\n{{schema}}\n{{transcript}}\n",
  );
  const flag = batch ? ", batch: true" : "";
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from ${JSON.stringify(path.join(ROOT, "node_modules/zod/index.js"))};
export default {
  name: "batch",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({ name: z.string().nullable(), size: z.number().nullable() }),
  models: [
    { id: "o", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}", ${PRICE}${flag} },
    { id: "a", provider: "anthropic", model: "claude-haiku-4-5", baseURL: "${api.anthropicBaseURL}", ${PRICE}${flag} },
  ],
};
`,
  );
  return { dir, suite: await loadSuite(path.join(dir, "callgrade.config.ts")) };
}

/** Answers from the call itself; every 4th call gets the size wrong, so scores are not all 1. */
function answer({ api, body }: FakeApiCall) {
  const i = Number(/call (\d+),/.exec(promptParts(api, body).rest)?.[1] ?? "-1");
  return { json: { name: `Guest ${i}`, size: i % 4 === 0 ? 99 : (i % 5) + 1 } };
}

/** Normal calls the server got (chat completions and messages), not batch traffic. */
const normalCalls = (api: FakeApi) =>
  api.requests.filter((r) => r.path === "/v1/chat/completions" || r.path === "/v1/messages").length;

function storedCalls(storeFile: string) {
  const store = Store.open(storeFile);
  try {
    const run = store.runs.latest();
    return run ? store.calls.forRun(run.id) : [];
  } finally {
    store.close();
  }
}

describe("batched models", () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi({ respond: answer, batch: { pollsToFinish: 1 } });
  });
  afterAll(() => api?.close());

  it("answer as normal calls do, at half the price, and the cache serves a later normal run", async () => {
    const normal = await suite(api, 30, false);
    const normalRun = await run(normal.suite, { store: path.join(normal.dir, "s.db"), env: ENV });
    expect(normalRun.exitCode).toBe(0);

    const batched = await suite(api, 30, true);
    const storeFile = path.join(batched.dir, "s.db");
    const before = normalCalls(api);
    const events: string[] = [];
    const result = await run(batched.suite, {
      store: storeFile,
      env: ENV,
      batch: { pollMs: 20 },
      onEvent: (e) => events.push(e.type),
    });
    expect(result.exitCode).toBe(0);
    expect(result.status).toBe("finished");
    expect(normalCalls(api)).toBe(before);
    expect(result.batches.map((b) => `${b.modelId} ${b.state} ${b.requests}`).sort()).toEqual([
      "a collected 30",
      "o collected 30",
    ]);
    expect(events).toEqual(expect.arrayContaining(["batch-submitted", "batch-status", "batch-collected"]));
    // The same texts, validated and scored the same.
    const key = (c: { caseId: string; modelId: string }) => `${c.caseId}/${c.modelId}`;
    const texts = (calls: ReturnType<typeof storedCalls>) =>
      Object.fromEntries(calls.map((c) => [key(c), c.text]).sort());
    expect(texts(storedCalls(storeFile))).toEqual(texts(storedCalls(path.join(normal.dir, "s.db"))));
    for (const model of ["o", "a"]) {
      const b = result.summary.models.find((m) => m.id === model);
      const n = normalRun.summary.models.find((m) => m.id === model);
      expect(b?.fieldAccuracy).toBe(n?.fieldAccuracy);
      expect(b?.schemaValidRate).toBe(1);
    }
    // Half the price: every stored cost is half of what its usage costs at the model's price.
    for (const call of storedCalls(storeFile)) {
      const full = (call.inputTokens * 2 + call.outputTokens * 8) / 1e6;
      expect(call.costUsd).toBeCloseTo(full / 2, 12);
    }
    // A normal run of the same requests, on the batch run's store: all from the cache, nothing sent.
    const later = await suite(api, 30, false);
    const sent = api.requests.length;
    const again = await run(later.suite, { store: storeFile, env: ENV });
    expect(again.exitCode).toBe(0);
    expect(api.requests.length).toBe(sent);
    expect(again.summary.models.every((m) => m.cachedCalls === m.calls)).toBe(true);
  });
});

describe("batches that do not all come back", () => {
  it("sends again what expired: in a new batch while many did, then as normal calls", async () => {
    // The first batch of each provider answers 20 of its 150 requests; the other 130 expire.
    const api = await startFakeApi({
      respond: answer,
      batch: { pollsToFinish: 0, fate: ({ index }) => (index < 2 ? { expireAfter: 20 } : "complete") },
    });
    try {
      const { dir, suite: loaded } = await suite(api, 150, true);
      const before = normalCalls(api);
      const result = await run(loaded, { store: path.join(dir, "s.db"), env: ENV, batch: { pollMs: 10 } });
      expect(result.exitCode).toBe(0);
      // 130 failed: more than a batch is worth waiting for is 100, so they went in a second batch each.
      expect(result.batches.map((b) => b.requests).sort((x, y) => x - y)).toEqual([130, 130, 150, 150]);
      expect(normalCalls(api)).toBe(before);
      const counts = [...api.batchSubmissions.values()];
      expect(counts.filter((n) => n === 1)).toHaveLength(2 * 20);
      expect(counts.filter((n) => n === 2)).toHaveLength(2 * 130);
      expect(result.summary.models.every((m) => m.errors === 0 && m.calls === 150)).toBe(true);
    } finally {
      await api.close();
    }
  });

  it("sends a few failed requests as normal calls, and keeps failures no retry mends", async () => {
    // In a batch, call 3 gets a 500 (a retry may mend it) and call 5 a 400 (none will).
    const api = await startFakeApi({
      respond: (call) => {
        const i = Number(/call (\d+),/.exec(promptParts(call.api, call.body).rest)?.[1] ?? "-1");
        if (call.batch && i === 3) return { status: 500 };
        if (i === 5) return { status: 400 };
        return answer(call);
      },
      batch: { pollsToFinish: 0 },
    });
    try {
      const { dir, suite: loaded } = await suite(api, 12, true);
      const result = await run(loaded, { store: path.join(dir, "s.db"), env: ENV, batch: { pollMs: 10 } });
      // Call 3 answered as a normal call; call 5's 400 stands, for each model: the run is incomplete.
      expect(result.exitCode).toBe(3);
      expect(result.status).toBe("finished");
      expect(result.unscored).toEqual({ o: ["call-5"], a: ["call-5"] });
      const normal = api.requests.filter(
        (r) => r.path === "/v1/chat/completions" || r.path === "/v1/messages",
      );
      expect(normal.map((r) => /call (\d+),/.exec(JSON.stringify(r.body))?.[1]).sort()).toEqual(["3", "3"]);
      const calls = storedCalls(path.join(dir, "s.db"));
      expect(calls.find((c) => c.caseId === "call-5" && c.modelId === "o")).toMatchObject({
        status: "error",
        errorKind: "bad_request",
      });
      expect(calls.filter((c) => c.status === "ok")).toHaveLength(22);
    } finally {
      await api.close();
    }
  });

  it("reads results that arrive in parts, and a batch cancelled at the provider is sent again", async () => {
    const api = await startFakeApi({ respond: answer, batch: { pollsToFinish: 0, cutResultsAfter: 7 } });
    try {
      const { dir, suite: loaded } = await suite(api, 40, true);
      const storeFile = path.join(dir, "s.db");
      // Submitted and left: the first downloads will be cut after 7 lines.
      const first = await run(loaded, { store: storeFile, env: ENV, batch: { wait: false } });
      expect(first.exitCode).toBe(3);
      expect(first.status).toBe("interrupted");
      expect(first.batches.every((b) => b.state === "submitted")).toBe(true);
      // Someone cancels the Anthropic batch at the provider before it ran.
      const anthropicBatch = first.batches.find((b) => b.modelId === "a")?.batchId ?? "";
      const cancelled = await fetch(`${api.url}/v1/messages/batches/${anthropicBatch}/cancel`, {
        method: "POST",
        headers: { "x-api-key": "k", "anthropic-version": "2023-06-01" },
      });
      expect(cancelled.ok).toBe(true);
      const sentBefore = api.requests.length;
      const retried: string[] = [];
      const done = await run(loaded, {
        store: storeFile,
        env: ENV,
        resume: true,
        batch: { pollMs: 10 },
        onEvent: (e) => {
          if (e.type === "batch-retrying") retried.push(e.message);
        },
      });
      expect(done.exitCode).toBe(0);
      expect(done.runId).toBe(first.runId);
      expect(retried.some((m) => /terminated/.test(m))).toBe(true);
      // The cut OpenAI download was read again (twice in all), and none of its calls went another way; the
      // 40 cancelled Anthropic calls were few enough to go as normal calls.
      const during = api.requests.slice(sentBefore).map((r) => r.path);
      const openaiDownloads = during.filter((p) => /^\/v1\/files\/[^/]+\/content$/.test(p));
      expect(openaiDownloads).toHaveLength(2);
      expect(during.filter((p) => p === "/v1/chat/completions")).toHaveLength(0);
      expect(during.filter((p) => p === "/v1/messages")).toHaveLength(40);
      expect(done.summary.models.every((m) => m.calls === 40 && m.errors === 0)).toBe(true);
      // OpenAI's calls went once (the cut download read again); Anthropic's cancelled ones went again.
      const sent = [...api.batchSubmissions].filter(([key]) => key.startsWith("openai:"));
      expect(sent.every(([, n]) => n === 1)).toBe(true);
      expect(sent).toHaveLength(40);
    } finally {
      await api.close();
    }
  });
});

describe("a submission cut short", () => {
  it.each(["openai", "anthropic"] as const)(
    "is found at %s and adopted, not sent again",
    async (provider) => {
      const api = await startFakeApi({ respond: answer, batch: { pollsToFinish: 0 } });
      try {
        const { dir, suite: loaded } = await suite(api, 25, true);
        const storeFile = path.join(dir, "s.db");
        const first = await run(loaded, { store: storeFile, env: ENV, batch: { wait: false } });
        // As if the process died after the provider made the batch and before the store heard of it.
        const store = Store.open(storeFile);
        const model = provider === "openai" ? "o" : "a";
        const { tag } = store.batches.forRun(first.runId, model)[0] ?? { tag: "" };
        store.db
          .prepare("UPDATE batches SET state = 'submitting', batch_id = NULL, status = NULL WHERE tag = ?")
          .run(tag);
        store.close();
        const done = await run(loaded, { store: storeFile, env: ENV, resume: true, batch: { pollMs: 10 } });
        expect(done.exitCode).toBe(0);
        expect([...api.batchSubmissions.values()].every((n) => n === 1)).toBe(true);
        expect(api.batches).toHaveLength(2);
        expect(done.batches.every((b) => b.state === "collected" && b.batchId !== null)).toBe(true);
      } finally {
        await api.close();
      }
    },
  );
});

describe("the command line", () => {
  it("submits and exits 3 saying what is pending, lists the batches, and a resume completes the run", async () => {
    const api = await startFakeApi({ respond: answer, batch: { pollsToFinish: 1 } });
    try {
      const { dir } = await suite(api, 15, false);
      const env = { ...ENV, CALLGRADE_BATCH_POLL_MS: "20" };
      const submitted = await runCli(["run", "--batch", "--no-wait", "--store", "s.db"], { cwd: dir, env });
      expect(submitted.code).toBe(3);
      const runId = /run (\S+): 2 batches are still with the provider/.exec(submitted.stderr)?.[1];
      expect(runId).toBeDefined();
      for (const id of api.batches.map((b) => b.id)) expect(submitted.stderr).toContain(id);
      expect(submitted.stderr).toMatch(
        /o: batch_\S+ (validating|in_progress), 0 of 15 done, expires 20\d\d-/,
      );
      expect(submitted.stderr).toContain(
        `collect them (it waits for them; add --no-wait to look once) with: npx callgrade run --resume ${runId} --store s.db`,
      );
      // The cases in those batches are not listed as unanswered: they are on their way.
      expect(submitted.stderr).not.toContain("no answer for");
      expect(normalCalls(api)).toBe(0);

      const listed = await runCli(["batches", "--store", "s.db"], { cwd: dir, env });
      expect(listed.code).toBe(3);
      expect(listed.stdout.match(/^waiting {3}/gm)).toHaveLength(2);
      expect(listed.stdout).toContain("2 still with the provider");
      const json = await runCli(["batches", "--store", "s.db", "--json"], { cwd: dir, env });
      expect(JSON.parse(json.stdout)).toMatchObject({ runId, batches: [{ requests: 15 }, { requests: 15 }] });

      const resumed = await runCli(["run", "--resume", "--store", "s.db", "--out", "out"], { cwd: dir, env });
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).not.toContain("still with the provider");
      const after = await runCli(["batches", "--store", "s.db"], { cwd: dir, env });
      expect(after.code).toBe(0);
      expect(after.stdout.match(/^collected /gm)).toHaveLength(2);
      expect([...api.batchSubmissions.values()].every((n) => n === 1)).toBe(true);
      expect(normalCalls(api)).toBe(0);
    } finally {
      await api.close();
    }
  });
});

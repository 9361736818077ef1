// The check: 10,000 calls × 2 models sent as batches, the process killed once they are submitted,
// the run resumed from another process, and the results identical to a normal run of the same suite, with
// no request submitted twice (the server counts).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { ROOT, runCli, startCli } from "../helpers/cli.js";
import { type FakeApi, type FakeApiCall, startFakeApi } from "../helpers/fake-api.js";
import { promptParts } from "../helpers/fake-api-replies.js";

const CASES = 10_000;
const ENV = {
  OPENAI_API_KEY: "sk-test-batch",
  ANTHROPIC_API_KEY: "sk-ant-test-batch",
  CALLGRADE_BATCH_POLL_MS: "100",
};

function suite(dir: string, api: FakeApi): void {
  const rows = Array.from({ length: CASES }, (_, i) =>
    JSON.stringify({
      id: `c${i}`,
      transcript: `caller: call ${i}, party of ${(i % 6) + 1}, name Guest ${i}`,
      gold: { name: `Guest ${i}`, size: (i % 6) + 1 },
    }),
  );
  writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
  writeFileSync(
    path.join(dir, "prompt.md"),
    "Extract name and party size as JSON.\n{{schema}}\n{{transcript}}\n",
  );
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from ${JSON.stringify(path.join(ROOT, "node_modules/zod/index.js"))};
export default {
  name: "batch-kill",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({ name: z.string().nullable(), size: z.number().nullable() }),
  models: [
    { id: "o", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}" },
    { id: "a", provider: "anthropic", model: "claude-haiku-4-5", baseURL: "${api.anthropicBaseURL}" },
  ],
  concurrency: 64,
};
`,
  );
}

/** Answers from the call itself; every 7th gets the size wrong. */
function answer({ api, body }: FakeApiCall) {
  const i = Number(/call (\d+),/.exec(promptParts(api, body).rest)?.[1] ?? "-1");
  return { json: { name: `Guest ${i}`, size: i % 7 === 0 ? 99 : (i % 6) + 1 } };
}

const comparable = (s: RunSummary) =>
  s.models.map((m) => ({
    id: m.id,
    calls: m.calls,
    errors: m.errors,
    valid: m.schemaValidRate,
    acc: m.fieldAccuracy,
    fields: m.fields,
  }));

/** A count from the store, read as another process writes it; 0 before it exists. */
function count(storeFile: string, sql: string): number {
  try {
    const db = new Database(storeFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

const submitted = (storeFile: string) =>
  count(storeFile, "SELECT COUNT(*) AS n FROM batches WHERE state = 'submitted'");
const storedCalls = (storeFile: string) => count(storeFile, "SELECT COUNT(*) AS n FROM calls");

async function waitFor(test: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

describe("a 10,000 × 2 batch run, killed and resumed", () => {
  let api: FakeApi;
  beforeAll(async () => {
    // Batches stay in progress for a few polls: the kill lands while the process waits on them.
    api = await startFakeApi({ respond: answer, recordRequests: false, batch: { pollsToFinish: 4 } });
  });
  afterAll(() => api?.close());

  it("submits each request once, killed waiting and killed collecting, and ends with a normal run's results", async () => {
    const reference = mkdtempSync(path.join(tmpdir(), "cg-batch-ref-"));
    suite(reference, api);
    const normal = await runCli(["run", "--store", "s.db", "--out", "out"], { cwd: reference, env: ENV });
    expect(normal.code).toBe(0);
    const expected: RunSummary = JSON.parse(
      readFileSync(path.join(reference, "out", "summary.json"), "utf8"),
    );

    const dir = mkdtempSync(path.join(tmpdir(), "cg-batch-kill-"));
    suite(dir, api);
    const storeFile = path.join(dir, "s.db");
    const { child, exited } = startCli(["run", "--batch", "--no-cache", "--store", "s.db"], {
      cwd: dir,
      env: ENV,
    });
    await waitFor(() => submitted(storeFile) === 2, 120_000);
    expect(submitted(storeFile)).toBe(2);
    child.kill("SIGKILL");
    expect((await exited).signal).toBe("SIGKILL");
    expect(api.batches.map((b) => b.count).sort()).toEqual([CASES, CASES]);
    expect(api.batches.every((b) => b.status !== "completed" && b.status !== "ended")).toBe(true);

    // Another process collects; it is killed half way through storing the results.
    const collector = startCli(["run", "--resume", "--no-cache", "--store", "s.db"], { cwd: dir, env: ENV });
    await waitFor(() => storedCalls(storeFile) >= 3_000, 120_000);
    collector.child.kill("SIGKILL");
    expect((await collector.exited).signal).toBe("SIGKILL");
    const halfway = storedCalls(storeFile);
    expect(halfway).toBeGreaterThanOrEqual(3_000);
    expect(halfway).toBeLessThan(2 * CASES);

    const resumed = await runCli(["run", "--resume", "--no-cache", "--store", "s.db", "--out", "out"], {
      cwd: dir,
      env: ENV,
    });
    expect(resumed.stderr).not.toMatch(/unexpected|Error:/);
    expect(resumed.code).toBe(0);
    const summary: RunSummary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    expect(summary.status).toBe("finished");
    expect(comparable(summary)).toEqual(comparable(expected));
    // Every request went in one batch, once: none twice, none lost.
    expect(api.batchSubmissions.size).toBe(2 * CASES);
    expect([...api.batchSubmissions.values()].every((n) => n === 1)).toBe(true);
    expect(api.batches).toHaveLength(2);
  }, 300_000);
});

// 500 calls through a fake API that injects every provider fault: the run ends, every case is accounted
// for, and retries stay bounded. The expectation is read from what the server injected, not written down.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { type CliResult, runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import { expectedOutcome, FAULT_KINDS, type FaultyRespond, withFaults } from "../helpers/fault-mix.js";

const CASES = 250;
const MAX_RETRIES = 3;
const SEED = 20250601;
const RATES = {
  rateLimit: 0.06,
  serverError: 0.05,
  hang: 0.02,
  reset: 0.03,
  malformed: 0.03,
  truncated: 0.02,
  refusal: 0.02,
  contentFilter: 0.03,
  exhausted: 0.03,
};
const ANSWER = { name: "Ana Ruiz" };
/** Model id in the config per API the fake speaks. */
const MODEL_OF = { openai: "o", anthropic: "a" } as const;

const caseId = (i: number) => `case-${String(i + 1).padStart(3, "0")}`;

function suite(api: FakeApi): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-fault-mix-"));
  const rows = Array.from({ length: CASES }, (_, i) =>
    JSON.stringify({
      id: caseId(i),
      transcript: `caller: This is Ana Ruiz, about ${caseId(i)}.`,
      gold: ANSWER,
    }),
  );
  writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
  writeFileSync(
    path.join(dir, "prompt.md"),
    "Extract the caller as JSON matching:\n{{schema}}\n{{transcript}}\n",
  );
  // A short deadline so that hung requests end fast, yet far above what a loopback answer takes even on a
  // busy 2-core runner: a real answer timed out on its last attempt would end unlike the server's log.
  const common = `timeoutMs: 1000, maxRetries: ${MAX_RETRIES}`;
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from "zod";
export default {
  name: "fault-mix",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({ name: z.string().nullable() }),
  concurrency: 16,
  models: [
    { id: "${MODEL_OF.openai}", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}", ${common} },
    { id: "${MODEL_OF.anthropic}", provider: "anthropic", model: "claude-haiku-4-5", baseURL: "${api.anthropicBaseURL}", ${common} },
  ],
};
`,
  );
  return dir;
}

interface Expected {
  errorsByKind: Record<string, Record<string, number>>;
  unscored: Record<string, string[]>;
  attempts: Map<string, number>;
}

/** What the run must have ended with, per model: the last attempt of each call decides. */
function expectedFrom(respond: FaultyRespond): Expected {
  const expected: Expected = { errorsByKind: { o: {}, a: {} }, unscored: {}, attempts: new Map() };
  for (const call of respond.log.calls.values()) {
    const model = MODEL_OF[call.api];
    const id = /case-\d{3}/.exec(JSON.stringify(call.body))?.[0] ?? "?";
    expected.attempts.set(`${model}/${id}`, call.faults.length);
    const kind = expectedOutcome(call);
    if (kind === null) continue;
    const byKind = expected.errorsByKind[model] ?? {};
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    expected.errorsByKind[model] = byKind;
    expected.unscored[model] = [...(expected.unscored[model] ?? []), id].sort();
  }
  return expected;
}

describe(`a run of ${CASES * 2} calls through a fault-injecting API`, () => {
  let api: FakeApi;
  let respond: FaultyRespond;
  let dir: string;
  let result: CliResult;

  beforeAll(async () => {
    api = await startFakeApi({ recordRequests: false });
    respond = withFaults(() => ({ json: ANSWER }), { seed: SEED, rates: RATES });
    api.respond = respond;
    dir = suite(api);
    result = await runCli(["run", "--store", "store.db", "--out", "out"], {
      cwd: dir,
      env: { OPENAI_API_KEY: "sk-fault", ANTHROPIC_API_KEY: "sk-ant-fault" },
    });
  }, 90_000);
  afterAll(() => api.close());

  it("met every kind of fault", () => {
    const { injected } = respond.log;
    for (const kind of FAULT_KINDS) expect(injected[kind], kind).toBeGreaterThan(0);
    expect(respond.log.calls.size).toBe(CASES * 2);
  });

  it("accounts for every case: the errors are exactly the calls whose last attempt failed", () => {
    const expected = expectedFrom(respond);
    const summary: RunSummary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    expect(summary.status).toBe("finished");
    for (const model of summary.models) {
      const byKind = expected.errorsByKind[model.id] ?? {};
      const errors = Object.values(byKind).reduce((sum, n) => sum + n, 0);
      expect(model).toMatchObject({ calls: CASES, errors, errorsByKind: byKind });
      // Every call that did not end in an error was answered, with output that fits the schema.
      expect(model.schemaValidRate).toBe(1);
    }
    expect(summary.models.map((model) => model.id).sort()).toEqual(["a", "o"]);
    expect(summary.unscored).toEqual(expected.unscored);
  });

  it("exits 3 naming the unscored cases when some call ended without an answer, else 0", () => {
    const { unscored } = expectedFrom(respond);
    const models = Object.entries(unscored);
    expect(result.code, result.stderr).toBe(models.length > 0 ? 3 : 0);
    for (const [model, cases] of models) {
      expect(result.stderr).toContain(
        `${model}: no answer for ${cases.length} case${cases.length === 1 ? "" : "s"} (${cases[0]}`,
      );
    }
    // Hundreds of retries and pauses, and not one warning or stack trace on the user's terminal.
    expect(result.stderr).not.toMatch(/Warning|\n\s+at /);
  });

  it("keeps retries bounded: at most maxRetries + 1 requests per call, as many as the store counted", () => {
    const { attempts } = expectedFrom(respond);
    const requests = Object.values(respond.log.injected).reduce((sum, n) => sum + n, 0);
    expect(requests).toBeLessThanOrEqual(CASES * 2 * (MAX_RETRIES + 1));
    expect(Math.max(...attempts.values())).toBeLessThanOrEqual(MAX_RETRIES + 1);
    const db = new Database(path.join(dir, "store.db"), { readonly: true });
    const rows = db.prepare("SELECT case_id, model_id, attempts FROM calls").all() as {
      case_id: string;
      model_id: string;
      attempts: number;
    }[];
    db.close();
    expect(rows).toHaveLength(CASES * 2);
    const stored = new Map(rows.map((row) => [`${row.model_id}/${row.case_id}`, row.attempts]));
    expect(stored).toEqual(attempts);
  });
});

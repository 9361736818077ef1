// API keys never reach the disk or the terminal, even when a provider echoes them back; runs and reviewers
// share one store without blocking or corrupting each other.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { Store } from "../../src/store/index.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import { promptParts } from "../helpers/fake-api-replies.js";
import { sqliteOf } from "../helpers/sqlite.js";

const CANARY = { OPENAI_API_KEY: "sk-canary-0penai-5d1c9e7f", ANTHROPIC_API_KEY: "sk-ant-canary-a7b3c1d9" };

function suite(dir: string, api: FakeApi, cases: number): void {
  const rows = Array.from({ length: cases }, (_, i) =>
    JSON.stringify({
      id: `c${i}`,
      transcript: `caller: call c${i}, name Ann ${i}`,
      gold: { name: `Ann ${i}` },
    }),
  );
  writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
  writeFileSync(
    path.join(dir, "prompt.md"),
    "Extract the name.\n<transcript>\n{{transcript}}\n</transcript>\n",
  );
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from ${JSON.stringify(path.join(ROOT, "node_modules/zod/index.js"))};
export default {
  name: "security",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({ name: z.string().nullable() }),
  models: [
    { id: "o", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}", maxRetries: 0 },
    { id: "a", provider: "anthropic", model: "claude-haiku-4-5", baseURL: "${api.anthropicBaseURL}", maxRetries: 0 },
  ],
};
`,
  );
}

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe("API keys", () => {
  let api: FakeApi;
  beforeAll(async () => {
    // A provider that echoes the key it was sent: in an error message (as OpenAI's 401 does) and in an answer.
    api = await startFakeApi({
      respond: ({ api: kind, body }) => {
        const request = api.requests.at(-1);
        const auth = String(request?.headers.authorization ?? request?.headers["x-api-key"] ?? "");
        const key = auth.replace(/^Bearer /, "");
        const id = Number(/call c(\d+)/.exec(promptParts(kind, body).rest)?.[1] ?? "0");
        if (id % 3 === 0)
          return { status: 401, body: { error: { message: `Incorrect API key provided: ${key}` } } };
        if (id % 3 === 1) return { text: `{"name": "Ann ${id}", "debug": "${key}"}` };
        return { json: { name: `Ann ${id}` } };
      },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it("are in no file callgrade wrote and nowhere on its output, whatever the provider echoes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-canary-"));
    suite(dir, api, 12);
    const run = await runCli(["run", "--store", ".callgrade/callgrade.db", "--out", "out"], {
      cwd: dir,
      env: CANARY,
    });
    expect(run.code).toBe(3); // the 401s leave cases unscored
    const report = await runCli(["report", "--store", ".callgrade/callgrade.db", "--out", "again"], {
      cwd: dir,
    });
    expect(report.code).toBe(0);
    const summary: RunSummary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    expect(summary.models.map((m) => m.errorsByKind)).toEqual([{ auth: 4 }, { auth: 4 }]);
    // The echoes reached callgrade: the answers were stored (redacted) and scored.
    expect(summary.models.map((m) => m.calls - m.errors)).toEqual([8, 8]);
    const written = files(dir).filter((file) => !file.endsWith("callgrade.config.ts"));
    expect(written.some((file) => file.endsWith("callgrade.db"))).toBe(true);
    for (const file of written) {
      const bytes = readFileSync(file).toString("latin1");
      for (const key of Object.values(CANARY)) expect(bytes.includes(key), `${key} in ${file}`).toBe(false);
    }
    for (const key of Object.values(CANARY)) {
      expect(run.stdout + run.stderr + report.stdout + report.stderr).not.toContain(key);
    }
  });
});

describe("one store, several writers", () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi({
      latencyMs: 3,
      respond: ({ api: kind, body }) => ({
        json: { name: `Ann ${/call c(\d+)/.exec(promptParts(kind, body).rest)?.[1]}` },
      }),
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it("two runs and a reviewer write to the same store at once, and nothing is lost", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-shared-"));
    suite(dir, api, 150);
    const storeFile = path.join(dir, "shared.db");
    const first = await runCli(["run", "--store", storeFile, "--out", "first", "--no-cache"], {
      cwd: dir,
      env: CANARY,
    });
    expect(first.code).toBe(0);
    const firstRun: RunSummary = JSON.parse(readFileSync(path.join(dir, "first", "summary.json"), "utf8"));

    // While two more runs write calls, a reviewer writes a grade every few milliseconds on the first run.
    const store = Store.open(storeFile);
    store.results.replace(
      firstRun.runId,
      [],
      [],
      [
        {
          caseId: "c0",
          field: "name",
          reason: "disagreement",
          modelValues: { o: "Ann 0", a: "Ann 0" },
          priority: 1,
        },
      ],
    );
    const [item] = store.review.items(firstRun.runId);
    if (!item) throw new Error("no review item");
    let grading = true;
    let grades = 0;
    const reviewer = (async () => {
      while (grading) {
        store.review.record(item.id, `r${grades % 3}`, { kind: "edit", value: `Ann ${grades}` });
        grades++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const [second, third] = await Promise.all([
      runCli(["run", "--store", storeFile, "--out", "second", "--no-cache"], { cwd: dir, env: CANARY }),
      runCli(["run", "--store", storeFile, "--out", "third", "--no-cache"], { cwd: dir, env: CANARY }),
    ]);
    grading = false;
    await reviewer;
    expect(second.stderr).not.toMatch(/SQLITE_BUSY|locked|unexpected/);
    expect(third.stderr).not.toMatch(/SQLITE_BUSY|locked|unexpected/);
    expect([second.code, third.code]).toEqual([0, 0]);
    for (const out of ["second", "third"]) {
      const summary: RunSummary = JSON.parse(readFileSync(path.join(dir, out, "summary.json"), "utf8"));
      expect(summary.models.map((m) => [m.calls, m.errors, m.fieldAccuracy])).toEqual([
        [150, 0, 1],
        [150, 0, 1],
      ]);
    }
    expect(grades).toBeGreaterThan(10);
    expect(sqliteOf(store).pragma("integrity_check", { simple: true })).toBe("ok");
    // Each reviewer's latest grade is the one that counts; every write is there.
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM grades").get()).toEqual({ n: grades });
    store.close();
  });
});

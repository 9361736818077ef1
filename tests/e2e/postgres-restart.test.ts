// The PostgreSQL server killed and started again in the middle of a run: answered calls wait for it, every
// call is stored once, and nothing is sent twice.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSuite, run } from "../../src/index.js";
import type { RunEvent } from "../../src/runner/index.js";
import { HeldCalls } from "../../src/runner/write-batch.js";
import { Store } from "../../src/store/index.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

const SMALL = path.resolve("tests/fixtures/suite-small");
const CASES = 40;
const ANSWER = { name: "Ana Ruiz", phone: null, date: null, size: 2, notes: null };

describe("a PostgreSQL store restarted mid-run", () => {
  let server: TestPostgres;
  let api: FakeApi;
  beforeAll(async () => {
    server = await startPostgres();
    api = await startFakeApi({ latencyMs: 30 });
  });
  afterAll(async () => {
    await api?.close();
    server?.destroy();
  });

  /** A suite of CASES calls to the fake OpenAI server, 4 at a time. */
  function writeSuite(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-pg-restart-"));
    for (const file of ["prompt.md", "kb.md"]) copyFileSync(path.join(SMALL, file), path.join(dir, file));
    const rows = Array.from({ length: CASES }, (_, i) =>
      JSON.stringify({ id: `c${i}`, transcript: `call ${i}`, meta: { callDate: "2026-06-08" } }),
    );
    writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
    writeFileSync(
      path.join(dir, "callgrade.config.ts"),
      `import { z } from "zod";
export default {
  name: "restart",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  knowledgeBase: "kb.md",
  schema: z.object({ name: z.string().nullable(), phone: z.string().nullable(), date: z.string().nullable(),
    size: z.number().nullable(), notes: z.string().nullable() }),
  models: [{ id: "o", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}" }],
  concurrency: 4,
};
`,
    );
    return dir;
  }

  it("holds the answers while it is down, stores each call once, and sends none twice", async () => {
    const dir = writeSuite();
    let restarted: Promise<void> | undefined;
    api.respond = () => {
      // A quarter of the way in, the server goes down hard, and comes back a second and a half later.
      if (api.requests.length === CASES / 4 && !restarted) {
        server.stop("immediate");
        restarted = new Promise((resolve) =>
          setTimeout(() => {
            server.start();
            resolve();
          }, 1_500),
        );
      }
      return { json: ANSWER };
    };
    const events: RunEvent[] = [];
    const suite = await loadSuite(path.join(dir, "callgrade.config.ts"));
    const result = await run(suite, {
      store: server.url,
      env: { OPENAI_API_KEY: "sk-test" },
      onEvent: (event) => events.push(event),
    });
    await restarted;
    expect(events.some((e) => e.type === "store-waiting")).toBe(true);
    const back = events.find((e) => e.type === "store-back");
    expect(back).toBeDefined();
    expect(result.exitCode).toBe(0);
    expect(result.summary.models[0]).toMatchObject({ calls: CASES, errors: 0 });
    // One request per case: no answer was dropped and asked for again.
    expect(api.requests).toHaveLength(CASES);
    const store = Store.open(server.url);
    const stored = store.db
      .prepare("SELECT COUNT(*) AS calls, COUNT(DISTINCT case_id) AS cases FROM calls WHERE run_id = ?")
      .get(result.runId);
    expect(stored).toEqual({ calls: CASES, cases: CASES });
    store.close();
  });

  it("keeps the answers on this machine when the run stops while it is down; a resume stores them first", async () => {
    const dir = writeSuite();
    const address = server.database("held");
    api.requests.length = 0;
    api.respond = () => {
      if (api.requests.length === CASES / 4) server.stop("immediate");
      return { json: ANSWER };
    };
    const stop = new AbortController();
    const suite = await loadSuite(path.join(dir, "callgrade.config.ts"));
    const failed = await run(suite, {
      store: address,
      env: { OPENAI_API_KEY: "sk-test" },
      signal: stop.signal,
      // The user gives up on the store a moment after the run says it is waiting for it.
      onEvent: (event) => {
        if (event.type === "store-waiting" && event.attempt === 2) stop.abort();
      },
    }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(HeldCalls);
    const held = failed as HeldCalls;
    expect(held.file.startsWith(path.join(dir, ".callgrade", "held"))).toBe(true);
    // Every answer that came back while the store was away is in the file, not only the first batch's.
    const kept = readFileSync(held.file, "utf8")
      .split("\n")
      .filter((line) => line !== "").length;
    expect(kept).toBeGreaterThanOrEqual(held.count);
    expect(held.count).toBeGreaterThan(0);

    server.start();
    const sentBefore = api.requests.length;
    const before = Store.open(address);
    const storedBefore = Number(before.db.prepare("SELECT COUNT(*) FROM calls").pluck().get());
    before.close();
    api.respond = () => ({ json: ANSWER });
    const resumed = await run(suite, { store: address, env: { OPENAI_API_KEY: "sk-test" }, resume: true });
    expect(resumed.exitCode).toBe(0);
    expect(existsSync(held.file)).toBe(false);
    const store = Store.open(address);
    const stored = store.db
      .prepare("SELECT COUNT(*) AS calls, COUNT(DISTINCT case_id) AS cases FROM calls WHERE run_id = ?")
      .get(resumed.runId);
    store.close();
    expect(stored).toEqual({ calls: CASES, cases: CASES });
    // The kept answers were not asked for again: only what was never answered is sent on resume.
    expect(api.requests.length - sentBefore).toBe(CASES - storedBefore - kept);
    expect(api.requests.length).toBeLessThanOrEqual(CASES + 4);
  });
});

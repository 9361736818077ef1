// A judge model grades the free-text answers of a run through the real OpenAI and Anthropic SDKs against the
// loopback server: structured verdicts are stored, an invalid verdict is kept as invalid, and a second run
// takes every verdict from the cache.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSuite, report, run } from "../../src/index.js";
import { openReviewSession } from "../../src/review/session.js";
import { type RunEvent, resumeSuite, runSuite } from "../../src/runner/index.js";
import { HeldCalls } from "../../src/runner/write-batch.js";
import { Store } from "../../src/store/index.js";
import { PgError } from "../../src/store/pg/sync-client.js";
import { type FakeApi, type FakeApiCall, startFakeApi } from "../helpers/fake-api.js";
import { promptParts } from "../helpers/fake-api-replies.js";

const SMALL = path.resolve("tests/fixtures/suite-small");

/** The text between a block's markers in the judge's request, or undefined when it has no such block. */
function block(text: string, name: string): string | undefined {
  return new RegExp(`<${name}>\\n([\\s\\S]*?)\\n</${name}>`).exec(text)?.[1];
}

describe.each(["openai", "anthropic"] as const)("a %s judge", (provider) => {
  let api: FakeApi;
  const seen: { prefix: string; rest: string }[] = [];
  beforeAll(async () => {
    api = await startFakeApi({
      respond: (call: FakeApiCall) => {
        const parts = promptParts(call.api, call.body);
        seen.push(parts);
        const answer = block(parts.rest, "answer") ?? "";
        // Case c4's answer gets a verdict that breaks the schema: a score of 9.
        if (parts.rest.includes("佐藤")) return { json: { pass: true, score: 9, reason: "?" } };
        const pass = answer.includes("window");
        return { json: { pass, score: pass ? 5 : 2, reason: pass ? "Names the seat." : "Misses it." } };
      },
    });
  });
  afterAll(() => api?.close());

  /** suite-small with a judge; `extra` goes into the judge's model config, `judge` into the judge's. */
  function writeSuite(extra = "", judgeExtra = ""): string {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-judge-"));
    cpSync(SMALL, dir, { recursive: true });
    const config = path.join(dir, "callgrade.config.ts");
    const baseURL = provider === "openai" ? api.openaiBaseURL : api.anthropicBaseURL;
    const model = provider === "openai" ? "gpt-4.1-mini" : "claude-sonnet-4-5";
    const judge = `judge: { model: { id: "judge", provider: "${provider}", model: "${model}", baseURL: "${baseURL}"${extra} }${judgeExtra} },`;
    writeFileSync(config, readFileSync(config, "utf8").replace("models: [", `${judge}\n  models: [`));
    return config;
  }

  it("grades each valid free-text answer with a checked verdict, and a second run asks nothing", async () => {
    const configFile = writeSuite();
    const suite = await loadSuite(configFile);
    const storeFile = path.join(path.dirname(configFile), "store.db");
    const env = { OPENAI_API_KEY: "sk-test", ANTHROPIC_API_KEY: "sk-ant-test" };
    const events: RunEvent[] = [];
    const first = await run(suite, { store: storeFile, env, onEvent: (e) => events.push(e) });
    // a: 5 valid answers; b: 4 (its c1 is not JSON): 9 notes to judge.
    expect(events).toContainEqual({ type: "judge-started", judgeId: "judge", answers: 9 });
    expect(api.requests).toHaveLength(9);
    const store = Store.open(storeFile);
    const verdicts = store.judgements.forRun(first.runId);
    expect(verdicts).toHaveLength(9);
    expect(verdicts.every((v) => v.field === "notes" && v.judgeId === "judge")).toBe(true);
    const c1a = verdicts.find((v) => v.caseId === "c1" && v.modelId === "a");
    expect(c1a).toMatchObject({ status: "ok", verdict: { pass: true, score: 5, reason: "Names the seat." } });
    expect(verdicts.find((v) => v.caseId === "c2" && v.modelId === "b")).toMatchObject({
      status: "ok",
      verdict: { pass: false, score: 2 },
    });
    const invalid = verdicts.filter((v) => v.status === "invalid");
    expect(invalid.map((v) => `${v.caseId}/${v.modelId}`).sort()).toEqual(["c4/a", "c4/b"]);
    expect(invalid[0]?.issues.join(" ")).toMatch(/score/);
    expect(verdicts.every((v) => !v.fromCache && v.attempts === 1)).toBe(true);

    // What the judge saw: the rubric in the cacheable prefix; transcript, gold and answer as data.
    const c1 = seen.find((parts) => block(parts.rest, "answer") === "Wants a window seat.");
    expect(c1?.prefix).toContain("Field: notes\nRubric: Faithful to the call.");
    expect(block(c1?.rest ?? "", "transcript")).toContain("A window seat please.");
    expect(block(c1?.rest ?? "", "reference")).toBe("Window seat.");

    // Every case's notes can be drawn for people now, in the judge's priority order (below 1).
    const notes = store.review.items(first.runId).filter((item) => item.field === "notes");
    expect(notes.map((item) => item.caseId).sort()).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(notes.every((item) => item.priority > 0 && item.priority < 1)).toBe(true);
    // Nobody graded yet: the judge's own number (a: c1 passed, c2, c3, c5 failed, c4 no verdict), no estimate.
    expect(first.summary.judge).toMatchObject({ judgeId: "judge", calls: 9 });
    // gpt-4.1-mini and claude-sonnet-4-5 are in the built-in price table: the judge's calls are priced.
    expect(first.summary.judge?.costUsd).toBeGreaterThan(0);
    expect(first.summary.judge?.fields.notes?.a).toMatchObject({
      N: 5,
      n: 0,
      judgeOnly: { estimate: 0.25 },
      estimate: { estimate: null, lower: 0, upper: 1 },
    });

    // The same suite again: every verdict comes from the cache.
    const second = await run(suite, { store: storeFile, env });
    expect(api.requests).toHaveLength(9);
    const again = store.judgements.forRun(second.runId);
    expect(again).toHaveLength(9);
    expect(again.every((v) => v.fromCache)).toBe(true);
    expect(again.map((v) => v.verdict)).toEqual(verdicts.map((v) => v.verdict));
    store.close();
  });

  it("a resume sends again only the verdicts that failed in a way a retry may mend", async () => {
    const before = api.requests.length;
    let failing = true;
    const respond = api.respond;
    api.respond = (call) => {
      const parts = promptParts(call.api, call.body);
      if (failing && parts.rest.includes("Table for four")) return { status: 503, body: { error: "busy" } };
      return respond(call);
    };
    try {
      const configFile = writeSuite(", maxRetries: 0");
      const suite = await loadSuite(configFile);
      const storeFile = path.join(path.dirname(configFile), "store.db");
      const env = { OPENAI_API_KEY: "sk-test", ANTHROPIC_API_KEY: "sk-ant-test" };
      const first = await run(suite, { store: storeFile, env, cache: false });
      const store = Store.open(storeFile);
      const failed = store.judgements.forRun(first.runId).filter((v) => v.status === "error");
      // c1: model a's answer (b's c1 is not JSON, so not judged).
      expect(failed.map((v) => `${v.caseId}/${v.modelId}`)).toEqual(["c1/a"]);
      expect(api.requests.length - before).toBe(9);
      failing = false;
      const resumed = await run(suite, { store: storeFile, env, cache: false, resume: first.runId });
      expect(resumed.runId).toBe(first.runId);
      expect(api.requests.length - before).toBe(10);
      expect(store.judgements.forRun(first.runId).every((v) => v.status !== "error")).toBe(true);
      store.close();
    } finally {
      api.respond = respond;
    }
  });

  it("keeps the verdicts a lost store could not take, and a resume stores them without asking again", async () => {
    const configFile = writeSuite();
    const suite = await loadSuite(configFile);
    const dir = path.dirname(configFile);
    const heldDir = path.join(dir, "held");
    const store = Store.open(path.join(dir, "store.db"));
    const env = { OPENAI_API_KEY: "sk-test", ANTHROPIC_API_KEY: "sk-ant-test" };
    const record = store.judgements.recordAll.bind(store.judgements);
    // The store's server goes away as the verdicts come in; the run is stopped while it waits for it.
    store.judgements.recordAll = () => {
      throw new PgError("connection lost", "CONNECTION_CLOSED", true);
    };
    const stop = new AbortController();
    const before = api.requests.length;
    const failed = await runSuite(suite, store, {
      useCache: true,
      signal: stop.signal,
      env,
      heldDir,
      emit: (event) => {
        if (event.type === "store-waiting") stop.abort();
      },
    }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(HeldCalls);
    const file = (failed as HeldCalls).file;
    const held = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(held.length).toBeGreaterThan(0);
    expect(
      held.every(
        (line: { judgeId?: string; field?: string }) => line.judgeId === "judge" && line.field === "notes",
      ),
    ).toBe(true);
    expect(store.judgements.count(store.runs.latest()?.id ?? "")).toBe(0);
    const sent = api.requests.length - before;

    // The server is back: the resume stores what was kept first, then asks only for what never came back.
    store.judgements.recordAll = record;
    const runId = store.runs.latest()?.id;
    await resumeSuite(suite, store, runId, {
      useCache: true,
      signal: new AbortController().signal,
      env,
      heldDir,
      emit: () => {},
    });
    expect(existsSync(file)).toBe(false);
    expect(store.judgements.forRun(runId ?? "")).toHaveLength(9);
    expect(api.requests.length - before).toBe(sent + (9 - held.length));
    store.close();
  });

  it("judges a field a matcher compares on the cases without gold for it, and people's picks calibrate it", async () => {
    const configFile = writeSuite("", ', fields: ["date"]');
    const suite = await loadSuite(configFile);
    const storeFile = path.join(path.dirname(configFile), "store.db");
    const env = { OPENAI_API_KEY: "sk-test", ANTHROPIC_API_KEY: "sk-ant-test" };
    const sent = seen.length;
    const result = await run(suite, { store: storeFile, env });
    // Only c5 has no gold: a's and b's dates there (both null) are judged; gold scores the rest.
    const asked = seen.slice(sent);
    expect(asked).toHaveLength(2);
    for (const parts of asked) {
      expect(parts.prefix).toContain(
        "Field: date\nRubric: The answer is the date this call gives for the field",
      );
      expect(block(parts.rest, "transcript")).toContain("Just me, under Lee.");
      expect(block(parts.rest, "reference")).toBeUndefined();
      expect(block(parts.rest, "answer")).toBe("null");
    }
    const store = Store.open(storeFile);
    const verdicts = store.judgements.forRun(result.runId);
    expect(verdicts.map((v) => `${v.caseId}/${v.modelId}/${v.field}`).sort()).toEqual([
      "c5/a/date",
      "c5/b/date",
    ]);
    // The models agree on c5's date, so comparing them queues nothing: the judge's sample does.
    const [item] = store.review.items(result.runId).filter((i) => i.field === "date");
    expect(item).toMatchObject({ caseId: "c5", reason: "sampled", modelValues: { a: null, b: null } });
    expect(item?.priority).toBeGreaterThan(0);
    expect(item?.priority).toBeLessThan(1);
    // The judge failed both (no "window" in the answer); nobody graded yet, so no estimate.
    expect(result.summary.judge?.fields.date?.a).toMatchObject({ N: 1, n: 0, judgeOnly: { estimate: 0 } });
    // A reviewer picks a's value (no date): both models are right by it, and the judge was wrong on both.
    const session = openReviewSession(store, { runId: result.runId, reviewer: "ann" });
    let view = session.next();
    while (view && view.caseId !== "c5") {
      session.skip(view.caseId);
      view = session.next();
    }
    const date = view?.fields.find((f) => f.field === "date");
    if (!date) throw new Error("no date item on c5");
    session.grade({ itemId: date.itemId, verdict: { kind: "pick", modelId: "a", value: null } });
    session.close();
    store.close();
    const { summary } = await report(suite, { store: storeFile, runId: result.runId });
    for (const model of ["a", "b"]) {
      expect(summary.judge?.fields.date?.[model]).toMatchObject({
        N: 1,
        n: 1,
        humanOnly: { estimate: 1 },
        calibration: { n: 1, judgePassRate: 0, humanPassRate: 1, confusion: { humanOnlyPass: 1 } },
      });
    }
  });

  it("refuses a judge named like a model, a judged field the schema lacks, and a judge that cannot run", async () => {
    // Without a baseURL the judge needs its provider's key, and the environment has none.
    const keyless = await loadSuite(
      (() => {
        const file = writeSuite();
        writeFileSync(file, readFileSync(file, "utf8").replace(/, baseURL: "[^"]*"/, ""));
        return file;
      })(),
    );
    const asModel = await loadSuite(
      (() => {
        const file = writeSuite();
        writeFileSync(file, readFileSync(file, "utf8").replace('id: "judge"', 'id: "a"'));
        return file;
      })(),
    );
    const env = { OPENAI_API_KEY: "sk-test", ANTHROPIC_API_KEY: "sk-ant-test" };
    const storeOf = (suite: { baseDir: string }) => path.join(suite.baseDir, "store.db");
    await expect(run(asModel, { store: storeOf(asModel), env })).rejects.toThrow(
      /the judge's id "a" is a model's too/,
    );
    // Refused before the run was stored, let alone sent: nothing to resume, nothing paid.
    const refused = Store.open(storeOf(asModel));
    expect(refused.runs.latest()).toBeUndefined();
    refused.close();
    const fields = await loadSuite(writeSuite("", ', fields: ["summary"]'));
    await expect(run(fields, { store: storeOf(fields), env })).rejects.toThrow(
      /judge\.fields names no field "summary"; fields: name, phone, date, size, notes/,
    );
    const batched = await loadSuite(writeSuite(", batch: true"));
    await expect(run(batched, { store: storeOf(batched), env })).rejects.toThrow(
      /judge\.model\.batch: the judge's calls go as normal calls/,
    );
    await expect(run(keyless, { store: storeOf(keyless), env: {} })).rejects.toThrow(
      /the judge "judge" cannot run/,
    );
  });
});

// WIRING NEEDED: this test fails until src/runner/run.ts (runMatrix) applies the redactor of
// src/prompt/redact.ts: redact each rendered request once per case, send (and cache-key) the redacted
// request to every model for which redactsFor(model.config, config.redact) holds, store the text as
// received, and validate restore(text). See the comment on createRedactor for the contract.
//
// `redact: ["phone", "email"]` end to end: the real CLI against the loopback fake OpenAI server, whose
// "model" answers with the phone placeholder it was sent. The server must never see a real phone number
// or e-mail, yet phone accuracy is 100%: the placeholders are mapped back before validation and scoring.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { Store } from "../../src/store/index.js";
import { type CliResult, runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import { promptParts } from "../helpers/fake-api-replies.js";

const KEYS = { OPENAI_API_KEY: "sk-canary-redact-5e1b" };

interface Row {
  id: string;
  caller: string;
  phone: string;
  region: "US" | "JP";
}

// en-b and en-c differ only in the number: redacted, they are the same request.
const ROWS: Row[] = [
  {
    id: "en-a",
    caller:
      "It's Dana Whitfield, my number is (917) 555-0146, that's 917-555-0146, and my e-mail is dana.whitfield@example.com.",
    phone: "(917) 555-0146",
    region: "US",
  },
  {
    id: "en-b",
    caller: "A flu shot, please. Call me back on (646) 555-0172.",
    phone: "(646) 555-0172",
    region: "US",
  },
  {
    id: "en-c",
    caller: "A flu shot, please. Call me back on +1 415 555 0123.",
    phone: "(415) 555-0123",
    region: "US",
  },
  {
    id: "en-d",
    caller:
      "Book me in, card 4111 1111 1111 1111 for the deposit, phone 332.555.0188, mail M.Oyelaran@Mail.Example.org.",
    phone: "(332) 555-0188",
    region: "US",
  },
  {
    id: "ja-a",
    caller: "予約をお願いします。電話番号は080-2468-1357です。メールはhanako.yamada@example.jpです。",
    phone: "080-2468-1357",
    region: "JP",
  },
  { id: "ja-b", caller: "番号は０６－６５４３－２１０９です。", phone: "06-6543-2109", region: "JP" },
];
const REAL_PHONES = [
  "(917) 555-0146",
  "917-555-0146",
  "(646) 555-0172",
  "+1 415 555 0123",
  "332.555.0188",
  "080-2468-1357",
  "０６－６５４３－２１０９",
];
const PHONE_DIGITS = ["9175550146", "6465550172", "4155550123", "3325550188", "08024681357", "0665432109"];
const REAL_EMAILS = ["dana.whitfield@example.com", "M.Oyelaran@Mail.Example.org", "hanako.yamada@example.jp"];
const PLACEHOLDER_AS_KEY = /\[(?:PHONE|EMAIL|CARD)_\d+\]\\?"\s*:/;

function dataset(): string {
  return ROWS.map((row) =>
    JSON.stringify({
      id: row.id,
      transcript: [
        { speaker: "agent", text: "Greenway Family Clinic, how can I help?" },
        { speaker: "caller", text: row.caller },
      ],
      gold: { phone: row.phone },
      meta: { callDate: "2026-03-23", phoneRegion: row.region },
    }),
  ).join("\n");
}

function configFor(api: FakeApi): string {
  return `import { Appointment } from ${JSON.stringify(path.resolve("schemas/appointment.ts"))};
export default {
  name: "redaction",
  dataset: "calls.jsonl",
  prompt: ${JSON.stringify(path.resolve("prompts/extract-appointment.md"))},
  knowledgeBase: ${JSON.stringify([path.resolve("prompts/kb/clinic.md"), path.resolve("prompts/kb/restaurant.md")])},
  schema: Appointment,
  redact: ["phone", "email"],
  models: [
    // One call at a time, so en-c finds en-b's answer in the cache.
    { id: "remote", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}", concurrency: 1 },
    { id: "local", provider: "openai", model: "local-llm", baseURL: "${api.openaiBaseURL}", redact: false },
  ],
  concurrency: 4,
};
`;
}

/** The fake model: every field plain, and the phone as the first phone placeholder it was sent. */
function answer(rest: string): object {
  return {
    caller_name: null,
    phone: /\[PHONE_\d+\]/.exec(rest)?.[0] ?? null,
    intent: "book",
    business: "clinic",
    service_code: null,
    date: null,
    time: null,
    party_size: null,
    language: "en",
    notes: null,
  };
}

const bodiesOf = (api: FakeApi, model: string) =>
  api.requests
    .map((r) => r.body as { model?: string })
    .filter((body) => body.model === model)
    .map((body) => JSON.stringify(body));

describe("redact: phone and email, end to end", () => {
  let api: FakeApi;
  let dir: string;
  let result: CliResult;
  let summary: RunSummary;

  beforeAll(async () => {
    api = await startFakeApi({
      respond: ({ api: kind, body }) => ({ json: answer(promptParts(kind, body).rest) }),
    });
    dir = mkdtempSync(path.join(tmpdir(), "cg-redact-"));
    writeFileSync(path.join(dir, "calls.jsonl"), `${dataset()}\n`);
    writeFileSync(path.join(dir, "callgrade.config.ts"), configFor(api));
    result = await runCli(["run", "--store", "store.db", "--out", "first"], { cwd: dir, env: KEYS });
    summary = JSON.parse(readFileSync(path.join(dir, "first", "summary.json"), "utf8"));
  });

  afterAll(async () => {
    await api.close();
  });

  const model = (id: string) => summary.models.find((m) => m.id === id);

  it("runs cleanly", () => {
    expect(result.stderr).not.toContain("unexpected");
    expect(result.code).toBe(0);
  });

  it("never sends a real phone number or e-mail to a redacted model, in any spelling", () => {
    const bodies = bodiesOf(api, "gpt-4.1-mini");
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      for (const value of [...REAL_PHONES, ...REAL_EMAILS]) expect(body).not.toContain(value);
      const bare = body.normalize("NFKC").replace(/[\s().-]/g, "");
      for (const digits of PHONE_DIGITS) expect(bare).not.toContain(digits);
      expect(body.toLowerCase()).not.toMatch(/example\.(com|org|jp)/);
    }
    const all = bodies.join("\n");
    expect(all).toContain("[PHONE_1]");
    expect(all).toContain("[EMAIL_1]");
    // Only the kinds asked for: the card number was not in `redact`.
    expect(all).toContain("4111 1111 1111 1111");
  });

  it("sends a model with redact: false the call as it is", () => {
    const all = bodiesOf(api, "local-llm").join("\n");
    for (const value of [...REAL_PHONES, ...REAL_EMAILS]) expect(all).toContain(value);
    expect(all).not.toContain("[PHONE_");
  });

  it("scores the phone on the real values: 100%", () => {
    expect(model("remote")?.errors).toBe(0);
    expect(model("remote")?.fields.phone).toMatchObject({ accuracy: 1, n: ROWS.length });
  });

  it("keys the cache on the request as sent: two calls that differ only in the number cost one request", () => {
    expect(bodiesOf(api, "gpt-4.1-mini")).toHaveLength(ROWS.length - 1);
    expect(model("remote")?.cachedCalls).toBe(1);
  });

  it("stores the model's text as received and the validated value restored", () => {
    const store = Store.open(path.join(dir, "store.db"));
    try {
      const calls = store.calls.forRun(summary.runId).filter((c) => c.modelId === "remote");
      expect(calls).toHaveLength(ROWS.length);
      for (const call of calls) {
        const row = ROWS.find((r) => r.id === call.caseId);
        expect(call.text).toMatch(/"phone":"\[PHONE_\d+\]"/);
        for (const value of REAL_PHONES) expect(call.text).not.toContain(value);
        expect((call.value as { phone: string }).phone).toBe(
          REAL_PHONES.find((p) => row?.caller.includes(p)),
        );
      }
      const tables = store.db.prepare("SELECT name, sql FROM sqlite_master").all() as {
        name: string;
        sql: string | null;
      }[];
      for (const table of tables)
        expect(`${table.name} ${table.sql ?? ""}`).not.toMatch(/redact|placeholder|mapping/i);
    } finally {
      store.close();
    }
  });

  it("writes no placeholder-to-value mapping to a file or a log", () => {
    for (const file of [
      "store.db",
      "store.db-wal",
      "first/summary.json",
      "first/report.md",
      "first/report.html",
    ]) {
      let bytes: string;
      try {
        bytes = readFileSync(path.join(dir, file), "utf8");
      } catch {
        continue;
      }
      expect(bytes, file).not.toMatch(PLACEHOLDER_AS_KEY);
    }
    const log = result.stdout + result.stderr;
    expect(log).not.toMatch(/\[(?:PHONE|EMAIL|CARD)_\d+\]/);
    for (const value of [...REAL_PHONES, ...REAL_EMAILS]) expect(log).not.toContain(value);
  });

  it("a second run is answered from the cache and still restores each call's own values", async () => {
    const before = api.requests.length;
    const again = await runCli(["run", "--store", "store.db", "--out", "second"], { cwd: dir, env: KEYS });
    expect(again.code).toBe(0);
    expect(api.requests.length).toBe(before);
    const second: RunSummary = JSON.parse(readFileSync(path.join(dir, "second", "summary.json"), "utf8"));
    const remote = second.models.find((m) => m.id === "remote");
    expect(remote?.cachedCalls).toBe(ROWS.length);
    expect(remote?.fields.phone).toMatchObject({ accuracy: 1, n: ROWS.length });
  });
});

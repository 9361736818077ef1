// Audio files through an OpenAI-compatible transcription API that injects every fault a recogniser can meet:
// the run ends, every file is accounted for, and retries stay bounded, as for model calls (fault-mix.test.ts).
// The expectation is read from what the server injected, not written down.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { type CliResult, runCli } from "../helpers/cli.js";
import { type FakeApi, type FakeUpload, startFakeApi } from "../helpers/fake-api.js";
import { expectedOutcome, type FaultKind, type FaultyRespond, withFaults } from "../helpers/fault-mix.js";

const FILES = 150;
// Few retries and many faults, so that some files do end in an error and the errors get checked too.
const MAX_RETRIES = 2;
const SEED = 20250602;
/** Every fault of the wire and the service; a refusal, truncation or content filter is a chat answer's. */
const RATES = {
  rateLimit: 0.1,
  serverError: 0.08,
  hang: 0.04,
  reset: 0.06,
  malformed: 0.06,
  exhausted: 0.06,
} satisfies Partial<Record<FaultKind, number>>;
const RECOGNISER = "whisper";

const caseId = (i: number) => `case-${String(i + 1).padStart(3, "0")}`;
const spoken = (id: string) => `this is ana about ${id}`;

// A local model reads the text, so the recogniser is the only remote call of the run.
const EXTRACTOR = `export default ({ user }) => ({ name: /this is (\\w+)/.exec(user.toLowerCase())?.[1] ?? null });`;

function suite(api: FakeApi): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-voice-fault-mix-"));
  mkdirSync(path.join(dir, "audio"));
  const rows = Array.from({ length: FILES }, (_, i) => {
    const id = caseId(i);
    // Any bytes do: the fake API reads only the upload's fields; distinct bytes make distinct requests.
    writeFileSync(path.join(dir, "audio", `${id}.wav`), `RIFF fake audio of ${id}`);
    return JSON.stringify({ id, transcript: spoken(id), audio: `audio/${id}.wav`, gold: { name: "ana" } });
  });
  writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
  writeFileSync(path.join(dir, "extractor.mjs"), EXTRACTOR);
  writeFileSync(path.join(dir, "prompt.md"), "Extract the caller's name.\n{{schema}}\n\n{{transcript}}\n");
  // A short deadline so hung uploads end fast, yet far above a loopback answer on a busy runner.
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from "zod";
export default {
  name: "voice-fault-mix",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({ name: z.string().nullable() }),
  models: [{ id: "rules", provider: "custom", path: "./extractor.mjs" }],
  asr: {
    concurrency: 16,
    recognisers: [{ id: "${RECOGNISER}", provider: "openai", model: "whisper-1", baseURL: "${api.openaiBaseURL}", timeoutMs: 1000, maxRetries: ${MAX_RETRIES} }],
  },
};
`,
  );
  return dir;
}

interface Expected {
  /** Per file, the error kind it must end with; null: a transcript. */
  outcome: Map<string, string | null>;
  /** Per file, the requests the server saw. */
  attempts: Map<string, number>;
}

function expectedFrom(respond: FaultyRespond): Expected {
  const expected: Expected = { outcome: new Map(), attempts: new Map() };
  for (const call of respond.log.calls.values()) {
    const file = (call.body as { file?: FakeUpload }).file?.filename ?? "?";
    const id = file.replace(/\.wav$/, "");
    expected.attempts.set(id, call.faults.length);
    expected.outcome.set(id, expectedOutcome(call));
  }
  return expected;
}

interface TranscriptRow {
  case_id: string;
  status: string;
  error_kind: string | null;
  text: string | null;
  attempts: number;
}

describe(`${FILES} audio files through a fault-injecting transcription API`, () => {
  let api: FakeApi;
  let respond: FaultyRespond;
  let dir: string;
  let result: CliResult;
  let rows: TranscriptRow[];

  beforeAll(async () => {
    api = await startFakeApi({ recordRequests: false });
    respond = withFaults(
      (call) => {
        const file = (call.body as { file?: FakeUpload }).file?.filename ?? "";
        return { text: spoken(file.replace(/\.wav$/, "")) };
      },
      { seed: SEED, rates: RATES },
    );
    api.respond = respond;
    dir = suite(api);
    result = await runCli(["run", "--store", "store.db", "--out", "out"], {
      cwd: dir,
      env: { OPENAI_API_KEY: "sk-fault" },
    });
    const db = new Database(path.join(dir, "store.db"), { readonly: true });
    rows = db
      .prepare("SELECT case_id, status, error_kind, text, attempts FROM transcripts WHERE recogniser = ?")
      .all(RECOGNISER) as TranscriptRow[];
    db.close();
  }, 90_000);
  afterAll(() => api.close());

  it("met every kind of fault it injects, once per file at least", () => {
    for (const kind of Object.keys(RATES) as FaultKind[]) {
      expect(respond.log.injected[kind], kind).toBeGreaterThan(0);
    }
    expect(respond.log.calls.size).toBe(FILES);
  });

  it("accounts for every file: the errors are exactly the files whose last attempt failed", () => {
    const { outcome } = expectedFrom(respond);
    expect(rows).toHaveLength(FILES);
    const stored = new Map(rows.map((row) => [row.case_id, row.error_kind]));
    expect(stored).toEqual(outcome);
    for (const row of rows) {
      if (row.status === "ok") expect(row.text).toBe(spoken(row.case_id));
      else expect(row.text).toBeNull();
    }
    const summary: RunSummary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    expect(summary.status).toBe("finished");
    const errorsByKind: Record<string, number> = {};
    for (const kind of outcome.values())
      if (kind !== null) errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
    const errors = Object.values(errorsByKind).reduce((sum, n) => sum + n, 0);
    expect(summary.asr?.recognisers[0]).toMatchObject({ id: RECOGNISER, calls: FILES, errors, errorsByKind });
  });

  it("exits 3 naming the files left without a transcript, without a warning or a stack trace", () => {
    const { outcome } = expectedFrom(respond);
    const failed = [...outcome].filter(([, kind]) => kind !== null).map(([id]) => id);
    // The mix is meant to leave some files failed: else the errors above were checked against nothing.
    expect(failed.length).toBeGreaterThan(0);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(
      `rules@${RECOGNISER}: no answer for ${failed.length} case${failed.length === 1 ? "" : "s"} (${failed.sort()[0]}`,
    );
    expect(result.stderr).not.toMatch(/Warning|\n\s+at /);
  });

  it("keeps retries bounded: at most maxRetries + 1 requests per file, as many as the store counted", () => {
    const { attempts } = expectedFrom(respond);
    expect(Math.max(...attempts.values())).toBeLessThanOrEqual(MAX_RETRIES + 1);
    // Some file was sent more than once: the retries this test is about did happen.
    expect(Math.max(...attempts.values())).toBeGreaterThan(1);
    const stored = new Map(rows.map((row) => [row.case_id, row.attempts]));
    expect(stored).toEqual(attempts);
  });
});

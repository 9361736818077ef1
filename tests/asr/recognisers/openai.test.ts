import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRecogniser, isSkipped } from "../../../src/asr/recognisers/index.js";
import { createOpenAIRecogniser } from "../../../src/asr/recognisers/openai.js";
import type { OpenAIRecogniserConfig } from "../../../src/config/asr-schema.js";
import { startDeadline } from "../../../src/providers/call-scope.js";
import { type FakeApi, type FakeApiCall, startFakeApi } from "../../helpers/fake-api.js";
import { TEST_KEY } from "../../helpers/provider-targets.js";

let fake: FakeApi;
let dir: string;
let audio: Buffer;
let audioPath: string;
const signal = new AbortController().signal;

/** A short 16 kHz mono WAV: a tone is enough, since the fake server does not listen. */
function toneWav(seconds: number): Buffer {
  const samples = Math.round(16_000 * seconds);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write("RIFF", 0, "latin1");
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write("WAVEfmt ", 8, "latin1");
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(16_000, 24);
  wav.writeUInt32LE(32_000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36, "latin1");
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(8000 * Math.sin((i * 440 * 2 * Math.PI) / 16_000)), 44 + i * 2);
  return wav;
}

beforeAll(async () => {
  fake = await startFakeApi();
  dir = await mkdtemp(join(tmpdir(), "callgrade-openai-asr-"));
  audio = toneWav(0.5);
  audioPath = join(dir, "call 0042.wav");
  await writeFile(audioPath, audio);
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.respond = () => ({ text: "my number is five five five one two three four" });
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

function recogniser(overrides: Partial<OpenAIRecogniserConfig> = {}) {
  const config: OpenAIRecogniserConfig = {
    id: "whisper",
    provider: "openai",
    model: "gpt-4o-transcribe",
    baseURL: fake.openaiBaseURL,
    ...overrides,
  };
  return createOpenAIRecogniser(config, { apiKey: TEST_KEY });
}

const recognise = (overrides: Partial<OpenAIRecogniserConfig> = {}, path = audioPath) =>
  recogniser(overrides).recognise({ caseId: "c1", audioPath: path }, { signal });

describe("openai recogniser", () => {
  it("uploads the file as multipart with the model, its name, audio/wav and every byte", async () => {
    const calls: FakeApiCall[] = [];
    fake.respond = (call) => {
      calls.push(call);
      return { text: "hello" };
    };
    await recognise({ language: "en", prompt: "Names: Siobhan." });
    expect(calls.map((call) => [call.api, call.endpoint])).toEqual([["openai", "transcription"]]);
    const sent = fake.requests.at(-1);
    expect(sent?.path).toBe("/v1/audio/transcriptions");
    expect(sent?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(sent?.body).toEqual({
      model: "gpt-4o-transcribe",
      response_format: "json",
      language: "en",
      prompt: "Names: Siobhan.",
      file: {
        filename: "call 0042.wav",
        contentType: "audio/wav",
        bytes: audio.length,
        sha256: createHash("sha256").update(audio).digest("hex"),
      },
    });
  });

  it("the transcript comes back with the call's latency", async () => {
    const result = await recognise();
    expect(result).toMatchObject({ ok: true, text: "my number is five five five one two three four" });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("a 429 with retry-after comes back as a retryable rate_limit with retryAfterMs", async () => {
    fake.respond = () => ({ status: 429, headers: { "retry-after": "2" } });
    expect(await recognise()).toMatchObject({
      ok: false,
      error: { kind: "rate_limit", status: 429, retryAfterMs: 2000, retryable: true },
    });
  });

  it("the rate-limit headers come back with an answer and with a 429, as the chat provider's do", async () => {
    const used = { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1.5s" };
    fake.respond = () => ({ text: "hello", headers: used });
    expect(await recognise()).toMatchObject({ ok: true, rateLimit: { remaining: 0, resetMs: 1500 } });
    fake.respond = () => ({ status: 429, headers: used });
    expect(await recognise()).toMatchObject({
      ok: false,
      error: { kind: "rate_limit", rateLimit: { remaining: 0, resetMs: 1500 } },
    });
  });

  it("declares its deadline, retries and concurrency to the runner, and keeps to the deadline it is given", async () => {
    expect(recogniser({ timeoutMs: 700, maxRetries: 1, concurrency: 3 }).limits).toEqual({
      timeoutMs: 700,
      maxRetries: 1,
      concurrency: 3,
    });
    expect(recogniser().limits).toEqual({ timeoutMs: 60_000 });
    // The runner's deadline fires on the signal it hands over; its own 60 s timer must not be what ends it.
    fake.respond = () => ({ hang: true });
    const deadline = startDeadline(signal, 100);
    const started = performance.now();
    const result = await recogniser().recognise(
      { caseId: "c1", audioPath },
      { signal: deadline.signal, timeoutMs: 100 },
    );
    deadline.dispose();
    expect(result).toMatchObject({ ok: false, error: { kind: "timeout", retryable: true } });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("a 500 comes back as a retryable http error; a 400 as a terminal bad_request", async () => {
    fake.respond = () => ({ status: 500 });
    expect(await recognise()).toMatchObject({
      ok: false,
      error: { kind: "http", status: 500, retryable: true },
    });
    fake.respond = () => ({ status: 400 });
    expect(await recognise()).toMatchObject({ ok: false, error: { kind: "bad_request", retryable: false } });
  });

  it("a server that never answers is a timeout after timeoutMs; a body that is not a transcription is bad_response", async () => {
    fake.respond = () => ({ hang: true });
    expect(await recognise({ timeoutMs: 200 })).toMatchObject({ ok: false, error: { kind: "timeout" } });
    fake.respond = () => ({ json: { transcript: "wrong field" } });
    const result = await recognise();
    expect(result).toMatchObject({ ok: false, error: { kind: "bad_response", retryable: true } });
    expect(result.ok ? "" : result.error.message).toMatch(/^not a transcription/);
    fake.respond = () => ({ malformed: true });
    expect(await recognise()).toMatchObject({ ok: false, error: { kind: "bad_response", retryable: true } });
  });

  it("an abort comes back as aborted, not as a timeout", async () => {
    fake.respond = () => ({ hang: true });
    const controller = new AbortController();
    const pending = recogniser().recognise({ caseId: "c1", audioPath }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, error: { kind: "aborted", retryable: false } });
  });

  it("a missing file is an audio error naming it, and nothing is sent", async () => {
    const missing = join(dir, "gone.wav");
    expect(await recognise({}, missing)).toMatchObject({
      ok: false,
      error: { kind: "audio", message: `${missing}: audio file not found`, retryable: false },
    });
    expect(fake.requests).toHaveLength(0);
  });

  it("the API key never appears in a result, even when the server echoes it", async () => {
    fake.respond = () => ({ status: 401, body: { error: { message: `Incorrect API key: ${TEST_KEY}` } } });
    const failed = await recognise();
    expect(failed).toMatchObject({ ok: false, error: { kind: "auth" } });
    fake.respond = () => ({ text: `you said ${TEST_KEY}` });
    const echoed = await recognise();
    for (const result of [failed, echoed]) expect(JSON.stringify(result)).not.toContain(TEST_KEY);
    expect(recogniser().fingerprint).not.toContain(TEST_KEY);
  });

  it("the fingerprint follows model, language, prompt and server", () => {
    const base = recogniser().fingerprint;
    expect(recogniser({ timeoutMs: 5 }).fingerprint).toBe(base);
    for (const change of [
      { model: "whisper-1" },
      { language: "ja" },
      { prompt: "p" },
      { baseURL: "http://x/v1" },
    ]) {
      expect(recogniser(change).fingerprint).not.toBe(base);
    }
  });

  it("the registry skips the real API without a key, and needs none for a local server", async () => {
    const config = { id: "w", provider: "openai" as const, model: "whisper-1" };
    const skipped = await createRecogniser(config, { baseDir: dir, env: {} });
    expect(isSkipped(skipped) && skipped.skipped).toBe(
      "no API key: set OPENAI_API_KEY (or apiKeyEnv) to include it",
    );
    const local = await createRecogniser(
      { ...config, baseURL: fake.openaiBaseURL },
      { baseDir: dir, env: {} },
    );
    if (isSkipped(local)) throw new Error(local.skipped);
    expect(await local.recognise({ caseId: "c1", audioPath }, { signal })).toMatchObject({ ok: true });
    expect(fake.requests.at(-1)?.headers.authorization).toBe("Bearer not-needed");
  });
});

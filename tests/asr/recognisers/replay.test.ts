import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecogniser, isSkipped } from "../../../src/asr/recognisers/index.js";
import { createReplayRecogniser } from "../../../src/asr/recognisers/replay.js";
import { CallgradeError } from "../../../src/core/errors.js";

const config = { id: "prod-asr", provider: "replay" as const, path: "transcripts.jsonl" };
const signal = new AbortController().signal;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "callgrade-asr-replay-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function transcripts(name: string, lines: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

const ask = (caseId: string) => ({ caseId, audioPath: `/audio/${caseId}.wav` });

async function loadError(lines: string[]): Promise<CallgradeError> {
  const file = await transcripts("bad.jsonl", lines);
  const error = await createReplayRecogniser(config, file).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CallgradeError);
  return error as CallgradeError;
}

describe("replay recogniser", () => {
  it("plays back each case's recorded transcript, with its latency when the row has one", async () => {
    const file = await transcripts("good.jsonl", [
      JSON.stringify({ id: "a", transcript: "my number is five five five" }),
      "",
      JSON.stringify({ id: 7, transcript: "", latencyMs: 840, confidence: 0.4 }),
    ]);
    const recogniser = await createReplayRecogniser(config, file);
    expect(recogniser.id).toBe("prod-asr");
    expect(await recogniser.recognise(ask("a"), { signal })).toEqual({
      ok: true,
      text: "my number is five five five",
      latencyMs: 0,
    });
    expect(await recogniser.recognise(ask("7"), { signal })).toEqual({ ok: true, text: "", latencyMs: 840 });
  });

  it("a case the file does not have is a terminal missing_case error naming the case and the file", async () => {
    const file = await transcripts("one.jsonl", [JSON.stringify({ id: "a", transcript: "hi" })]);
    const recogniser = await createReplayRecogniser(config, file);
    expect(await recogniser.recognise(ask("zzz"), { signal })).toEqual({
      ok: false,
      error: {
        kind: "missing_case",
        message: `no recorded transcript for case zzz in ${file}`,
        retryable: false,
      },
      latencyMs: 0,
    });
  });

  it("a line that is not JSON stops the load, naming file:line:column", async () => {
    const error = await loadError([
      JSON.stringify({ id: "a", transcript: "ok" }),
      '{"id": "b", "transcript": "cut',
    ]);
    expect(error.code).toBe("REPLAY_INVALID");
    expect(error.message).toMatch(
      /bad\.jsonl:2:\d+: not valid JSON \(.+\); each line must be one complete object/,
    );
  });

  it("a row without a transcript, or with one that is not text, names file:line and the field", async () => {
    const missing = await loadError([JSON.stringify({ id: "a", text: "hi" })]);
    expect(missing.message).toBe(
      `${join(dir, "bad.jsonl")}:1: transcript: missing: give the recognised text`,
    );
    const wrong = await loadError([
      JSON.stringify({ id: "a", transcript: "x" }),
      JSON.stringify({ id: "b", transcript: ["hi"] }),
    ]);
    expect(wrong.message).toMatch(/bad\.jsonl:2: transcript: .*expected string/);
  });

  it("a repeated id and a row that is not an object are errors too", async () => {
    const row = JSON.stringify({ id: "a", transcript: "x" });
    expect((await loadError([row, row])).message).toMatch(/bad\.jsonl:2: id: duplicate id "a"/);
    expect((await loadError(["[1, 2]"])).message).toMatch(/bad\.jsonl:1: each line must be an object/);
  });

  it("the registry resolves the path against the config's folder, and a missing file says so", async () => {
    await transcripts("transcripts.jsonl", [JSON.stringify({ id: "a", transcript: "hi" })]);
    const recogniser = await createRecogniser(config, { baseDir: dir, env: {} });
    if (isSkipped(recogniser)) throw new Error(recogniser.skipped);
    expect(await recogniser.recognise(ask("a"), { signal })).toMatchObject({ ok: true, text: "hi" });
    await expect(
      createRecogniser({ ...config, path: "nope.jsonl" }, { baseDir: dir, env: {} }),
    ).rejects.toThrow(/nope\.jsonl: transcript file not found; check the recogniser's `path`/);
  });

  it("the fingerprint follows the file's content, so an edited file is not served from the cache", async () => {
    const file = await transcripts("edited.jsonl", [JSON.stringify({ id: "a", transcript: "one" })]);
    const before = (await createReplayRecogniser(config, file)).fingerprint;
    expect((await createReplayRecogniser(config, file)).fingerprint).toBe(before);
    await transcripts("edited.jsonl", [JSON.stringify({ id: "a", transcript: "two" })]);
    expect((await createReplayRecogniser(config, file)).fingerprint).not.toBe(before);
  });
});

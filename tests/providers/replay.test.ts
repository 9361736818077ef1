import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallgradeError } from "../../src/core/errors.js";
import { createReplayProvider } from "../../src/providers/replay.js";
import { completionRequest } from "../helpers/completion-request.js";

const config = { id: "prod", provider: "replay" as const, path: "replay.jsonl" };
const signal = new AbortController().signal;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "callgrade-replay-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function replayFile(name: string, lines: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

describe("replay provider", () => {
  it("plays back objects as JSON and strings as raw model text, with recorded usage and latency", async () => {
    const file = await replayFile("good.jsonl", [
      JSON.stringify({ id: "a", output: { name: "Ana" } }),
      "",
      JSON.stringify({ id: "b", output: 'Here you go: {"name": "Bo"}', latencyMs: 850 }),
      JSON.stringify({ id: 7, output: {}, usage: { inputTokens: 120, outputTokens: 9 } }),
    ]);
    const provider = await createReplayProvider(config, file);
    expect(provider.id).toBe("prod");
    const a = await provider.complete(completionRequest({ caseId: "a" }), { signal });
    expect(a).toMatchObject({ ok: true, text: '{"name":"Ana"}' });
    expect(a.ok && a.usage).toEqual({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 });
    expect(a.ok && a.latencyMs).toBeUndefined();
    const b = await provider.complete(completionRequest({ caseId: "b" }), { signal });
    expect(b).toMatchObject({ ok: true, text: 'Here you go: {"name": "Bo"}', latencyMs: 850 });
    const seven = await provider.complete(completionRequest({ caseId: "7" }), { signal });
    expect(seven.ok && seven.usage).toEqual({ inputTokens: 120, outputTokens: 9, cachedInputTokens: 0 });
  });

  it("a case the file does not have is a missing_case error naming the file", async () => {
    const file = await replayFile("one.jsonl", [JSON.stringify({ id: "a", output: {} })]);
    const provider = await createReplayProvider(config, file);
    const result = await provider.complete(completionRequest({ caseId: "zzz" }), { signal });
    expect(result).toEqual({
      ok: false,
      error: { kind: "missing_case", retryable: false, message: `${file} has no output for case zzz` },
    });
  });

  it.each([
    ["invalid JSON", ['{"id": "a", "output": {}}', "{not json"], "2:2", "not valid JSON"],
    ["a missing id", ['{"output": {}}'], 1, "id: missing"],
    ["a missing output", ['{"id": "a"}'], 1, "output: missing"],
    [
      "a duplicate id",
      ['{"id": "a", "output": 1}', '{"id": "b", "output": 1}', '{"id": "a", "output": 2}'],
      3,
      'id: duplicate id "a"',
    ],
    ["a line that is not an object", ['["a", {}]'], 1, "each line must be an object"],
    [
      "bad usage",
      ['{"id": "a", "output": {}, "usage": {"inputTokens": -1, "outputTokens": 0}}'],
      1,
      "usage.inputTokens: ",
    ],
  ])("%s stops the load with file:line", async (name, lines, line, problem) => {
    const file = await replayFile(`${name.replaceAll(" ", "-")}.jsonl`, lines);
    const error = await createReplayProvider(config, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallgradeError);
    expect(error).toMatchObject({ code: "REPLAY_INVALID", exitCode: 2 });
    expect((error as Error).message).toContain(`${file}:${line}: ${problem}`);
  });

  it("a file that does not exist is an input error naming it", async () => {
    const file = join(dir, "nope.jsonl");
    await expect(createReplayProvider(config, file)).rejects.toMatchObject({
      code: "REPLAY_INVALID",
      message: expect.stringContaining(file),
    });
  });

  it("reads lines longer than its read buffer, CRLF endings and a last line without a newline", async () => {
    const long = "x".repeat(200_000);
    const file = join(dir, "long.jsonl");
    await writeFile(
      file,
      `${JSON.stringify({ id: "a", output: { note: long } })}\r\n${JSON.stringify({ id: "b", output: { n: 2 } })}\r\n${JSON.stringify({ id: "c", output: { n: 3 } })}`,
    );
    const provider = await createReplayProvider(config, file);
    const a = await provider.complete(completionRequest({ caseId: "a" }), { signal });
    expect(a.ok && JSON.parse(a.text).note).toBe(long);
    expect(await provider.complete(completionRequest({ caseId: "b" }), { signal })).toMatchObject({
      text: '{"n":2}',
    });
    expect(await provider.complete(completionRequest({ caseId: "c" }), { signal })).toMatchObject({
      text: '{"n":3}',
    });
    await provider.close?.();
  });
});

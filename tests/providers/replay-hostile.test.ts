// Replay files are input: a hostile row is one clear error before any call, a hostile recorded answer is data.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReplayProvider } from "../../src/providers/replay.js";
import { loadReplay } from "../../src/providers/replay-file.js";
import { completionRequest } from "../helpers/completion-request.js";

const config = { id: "prod", provider: "replay" as const, path: "replay.jsonl" };
const signal = new AbortController().signal;
const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "callgrade-replay-hostile-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function replayFile(name: string, lines: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

describe("hostile replay files", () => {
  it("an id with a lone surrogate is refused, naming file, line and field", async () => {
    const file = await replayFile("id.jsonl", ['{"id":"a","output":{}}', '{"id":"b\\udfff","output":{}}']);
    await expect(loadReplay(file)).rejects.toThrow(
      `${file}:2: id: is not well-formed Unicode text (a lone surrogate such as \\ud800); fix or remove the escape`,
    );
  });

  it("an output nested 100,000 levels deep is refused before any call", async () => {
    const file = await replayFile("deep.jsonl", [
      '{"id":"a","output":{}}',
      `{"id":"b","output":${deep(100_000)}}`,
    ]);
    await expect(loadReplay(file)).rejects.toThrow(`${file}:2: output: is nested deeper than 256 levels`);
  });

  it("a bad UTF-8 byte is refused with its line and column, not replayed as U+FFFD", async () => {
    const file = join(dir, "latin1.jsonl");
    const bad = Buffer.concat([
      Buffer.from('{"id":"b","output":"J'),
      Buffer.from([0xfc]),
      Buffer.from('rg"}\n'),
    ]);
    await writeFile(file, Buffer.concat([Buffer.from('{"id":"a","output":{}}\n'), bad]));
    await expect(loadReplay(file)).rejects.toThrow(
      `${file}:2:22: is not valid UTF-8; save the file as UTF-8`,
    );
  });

  it("a number too large for a double is refused: it would replay as null", async () => {
    const file = await replayFile("inf.jsonl", ['{"id":"a","output":{"size":1e400}}']);
    await expect(loadReplay(file)).rejects.toThrow(`${file}:1: output.size: is a number too large to hold`);
  });

  it("an output deep but within the row limit plays back as a model's answer would come", async () => {
    const file = await replayFile("answer.jsonl", [`{"id":"a","output":${deep(200)}}`]);
    const provider = await createReplayProvider(config, file);
    const result = await provider.complete(completionRequest({ caseId: "a" }), { signal });
    expect(result).toMatchObject({ ok: true, text: deep(200) });
    await provider.close?.();
  });

  it("a recorded answer with lone surrogates or NUL bytes is data, played back as written", async () => {
    const file = await replayFile("text.jsonl", ['{"id":"a","output":"{\\"name\\": \\"\\ud800\\u0000\\"}"}']);
    const provider = await createReplayProvider(config, file);
    const result = await provider.complete(completionRequest({ caseId: "a" }), { signal });
    expect(result).toMatchObject({ ok: true, text: '{"name": "\ud800\u0000"}' });
    await provider.close?.();
  });
});

import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/dataset/index.js";
import { loadError, tempFile } from "./helpers.js";

const row = (id: string, transcript: unknown): string => `${JSON.stringify({ id, transcript })}\n`;

describe("transcript size limit", () => {
  it("a transcript over the default 1,000,000 characters names the limit and the option", async () => {
    const file = tempFile("huge.jsonl", row("ok", "short") + row("huge", "あ".repeat(1_000_001)));
    const error = await loadError(file);
    expect(error.code).toBe("DATASET_INVALID");
    expect(error.message).toMatch(`${file}:2: transcript: is 1000001 characters long; the limit is 1000000`);
    expect(error.message).toMatch("maxTranscriptChars");
  });

  it("a transcript exactly at the limit loads", async () => {
    const file = tempFile("edge.jsonl", row("edge", "x".repeat(1_000_000)));
    expect((await loadDataset(file))[0]?.transcript).toHaveLength(1_000_000);
  });

  it("counts the text of all turns against maxTranscriptChars", async () => {
    const turns = [
      { speaker: "a", text: "12345" },
      { speaker: "b", text: "678901" },
    ];
    const file = tempFile("turns.jsonl", row("t", turns));
    expect((await loadError(file, { maxTranscriptChars: 10 })).message).toMatch(
      `${file}:1: transcript: is 11 characters long; the limit is 10`,
    );
    expect(await loadDataset(file, { maxTranscriptChars: 11 })).toHaveLength(1);
  });

  it("a CSV transcript cell over the limit", async () => {
    const file = tempFile("huge.csv", `id,transcript\n1,ok\n2,"${"x".repeat(101)}"\n`);
    expect((await loadError(file, { maxTranscriptChars: 100 })).message).toMatch(
      `${file}:3: transcript: is 101 characters long; the limit is 100`,
    );
  });

  it("a runaway JSONL line is rejected without being read whole", async () => {
    // With maxTranscriptChars 10 the line guard is 16 MiB + 80 bytes.
    const file = tempFile("runaway.jsonl", row("ok", "x") + row("big", "y".repeat(17 * 1024 * 1024)));
    const error = await loadError(file, { maxTranscriptChars: 10 });
    expect(error.message).toMatch(`${file}:2: line is over 16777296 bytes; the limit is 10 characters`);
  });

  it("a runaway CSV record spread over many short lines is rejected at its first line", async () => {
    const cell = "line\n".repeat(4 * 1024 * 1024);
    const file = tempFile("runaway.csv", `id,transcript\n1,ok\n2,"${cell}"\n`);
    const error = await loadError(file, { maxTranscriptChars: 10 });
    expect(error.message).toMatch(
      `${file}:3: record is over 16777296 characters; the limit is 10 characters`,
    );
  });
});

describe("invalid UTF-8 is reported, never turned into replacement characters", () => {
  const bytes = (...parts: (string | number[])[]): Buffer =>
    Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : Buffer.from(part))));

  it("a stray byte in JSONL names its line and column", async () => {
    const prefix = '{"id": "2", "transcript": "あ';
    const content = bytes(row("1", "fine"), prefix, [0xff], '"}\n', row("3", "fine"));
    const file = tempFile("latin.jsonl", content);
    const error = await loadError(file);
    expect(error.code).toBe("DATASET_INVALID");
    expect(error.message).toBe(
      `${file}:2:${prefix.length + 1}: is not valid UTF-8; save the file as UTF-8 (it may be Shift_JIS, Latin-1 or binary)`,
    );
  });

  it("Shift_JIS text in JSONL", async () => {
    // 山田 in Shift_JIS.
    const content = bytes('{"id": "1", "transcript": "', [0x8e, 0x52, 0x93, 0x63], '"}\n');
    const file = tempFile("sjis.jsonl", content);
    expect((await loadError(file)).message).toMatch(`${file}:1:28: is not valid UTF-8`);
  });

  it("a truncated multi-byte character in CSV names its line", async () => {
    // "あ" is E3 81 82; drop the last byte.
    const content = bytes("id,transcript\n1,ok\n2,ok\n3,", [0xe3, 0x81], "x\n");
    const file = tempFile("bad.csv", content);
    expect((await loadError(file)).message).toMatch(`${file}:4:3: is not valid UTF-8`);
  });

  it("a UTF-8 BOM followed by valid text is fine", async () => {
    const file = tempFile("bom.csv", bytes([0xef, 0xbb, 0xbf], "id,transcript\n1,こんにちは\n"));
    expect((await loadDataset(file))[0]).toMatchObject({ id: "1", transcript: "こんにちは" });
  });
});

describe("paths that are not readable files", () => {
  it("a directory named like a dataset", async () => {
    const file = tempFile("placeholder", "");
    const dir = join(dirname(file), "calls.jsonl");
    mkdirSync(dir);
    expect((await loadError(dir)).message).toMatch(`${dir}: is a directory`);
  });
});

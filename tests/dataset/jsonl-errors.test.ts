import { describe, expect, it } from "vitest";
import { bad, loadError } from "./helpers.js";

describe("bad JSONL rows are reported with file:line and the field", () => {
  it("invalid JSON names the line and the column V8 reports", async () => {
    const file = bad("invalid-json.jsonl");
    const error = await loadError(file);
    expect(error.code).toBe("DATASET_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(`${file}:3:32: invalid JSON (Expected double-quoted property name)`);
  });

  it("a line cut off mid-string points at its end", async () => {
    const file = bad("truncated-json.jsonl");
    expect((await loadError(file)).message).toMatch(`${file}:2:35: invalid JSON (Unterminated string)`);
  });

  it("a missing id", async () => {
    const file = bad("missing-id.jsonl");
    expect((await loadError(file)).message).toBe(`${file}:2: id: is missing; every row needs an id`);
  });

  it("an empty id", async () => {
    const file = bad("empty-id.jsonl");
    expect((await loadError(file)).message).toBe(`${file}:1: id: must not be empty`);
  });

  it("a missing transcript, after a blank first line", async () => {
    const file = bad("missing-transcript.jsonl");
    expect((await loadError(file)).message).toBe(
      `${file}:2: transcript: is missing; every row needs a transcript`,
    );
  });

  it("a transcript that is neither text nor turns", async () => {
    const file = bad("transcript-number.jsonl");
    expect((await loadError(file)).message).toMatch(
      `${file}:1: transcript: must be a string or a list of turns`,
    );
  });

  it("a turn without text names the turn", async () => {
    const file = bad("turn-without-text.jsonl");
    expect((await loadError(file)).message).toBe(
      `${file}:1: transcript[1].text: is missing; every turn needs a speaker and a text`,
    );
  });

  it("gold that is not an object", async () => {
    const file = bad("gold-not-object.jsonl");
    expect((await loadError(file)).message).toMatch(`${file}:2: gold: must be an object`);
  });

  it("a row that is not an object", async () => {
    const file = bad("not-an-object.jsonl");
    expect((await loadError(file)).message).toMatch(`${file}:1: a row must be a JSON object`);
  });

  it("an unknown top-level field, pointing to meta", async () => {
    const file = bad("unknown-field.jsonl");
    expect((await loadError(file)).message).toMatch(`${file}:1: unknown field(s) "labels"`);
    expect((await loadError(file)).message).toMatch("put anything else under meta");
  });

  it("a duplicate id names both lines", async () => {
    const file = bad("duplicate-id.jsonl");
    expect((await loadError(file)).message).toBe(
      `${file}:4: id: duplicate id "a" (first used on line 1); every case needs its own id`,
    );
  });

  it("a number id and the same id as a string are duplicates", async () => {
    const file = bad("duplicate-number-id.jsonl");
    expect((await loadError(file)).message).toMatch(`${file}:2: id: duplicate id "7" (first used on line 1)`);
  });

  it("an empty file has no rows", async () => {
    const file = bad("empty.jsonl");
    expect((await loadError(file)).message).toMatch(`${file}: has no rows`);
  });

  it("a file of blank lines has no rows", async () => {
    const file = bad("blank-lines.jsonl");
    expect((await loadError(file)).message).toMatch(`${file}: has no rows`);
  });
});

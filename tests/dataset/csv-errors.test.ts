import { describe, expect, it } from "vitest";
import { bad, loadError } from "./helpers.js";

describe("bad CSV files are reported with file:line", () => {
  it("a row with too many cells (an unquoted comma)", async () => {
    const file = bad("ragged.csv");
    const error = await loadError(file);
    expect(error.code).toBe("DATASET_INVALID");
    expect(error.message).toMatch(`${file}:5: row has 4 cells but the header has 3 columns`);
  });

  it("a row with too few cells", async () => {
    const file = bad("short-row.csv");
    expect((await loadError(file)).message).toMatch(
      `${file}:3: row has 2 cells but the header has 3 columns`,
    );
  });

  it("no id column, listing the columns found", async () => {
    const file = bad("no-id-column.csv");
    expect((await loadError(file)).message).toBe(
      `${file}:1: header has no "id" column (found "ID", "transcript"); add one, named exactly id`,
    );
  });

  it("no transcript column", async () => {
    const file = bad("no-transcript-column.csv");
    expect((await loadError(file)).message).toMatch(`${file}:1: header has no "transcript" column`);
  });

  it("a column named twice", async () => {
    const file = bad("duplicate-column.csv");
    expect((await loadError(file)).message).toMatch(`${file}:1: header names column "note" twice`);
  });

  it("both a gold column and gold.<field> columns", async () => {
    const file = bad("gold-both.csv");
    expect((await loadError(file)).message).toMatch(`${file}:1: header has both a "gold" column`);
  });

  it("a gold cell that is not valid JSON", async () => {
    const file = bad("bad-gold-json.csv");
    expect((await loadError(file)).message).toMatch(`${file}:3: gold: is not valid JSON`);
  });

  it("a gold cell that is JSON but not an object", async () => {
    const file = bad("gold-not-object.csv");
    expect((await loadError(file)).message).toMatch(`${file}:2: gold: must be an object`);
  });

  it("a transcript cell starting with [{ that is not valid JSON", async () => {
    const file = bad("bad-turns-json.csv");
    expect((await loadError(file)).message).toMatch(
      `${file}:2: transcript: is not valid JSON (Unexpected token '}'); a cell starting with "[{"`,
    );
  });

  it("a JSON turn without a speaker", async () => {
    const file = bad("turn-without-speaker.csv");
    expect((await loadError(file)).message).toMatch(`${file}:2: transcript[0].speaker: is missing`);
  });

  it("an empty id cell", async () => {
    const file = bad("empty-id.csv");
    expect((await loadError(file)).message).toBe(`${file}:3: id: must not be empty`);
  });

  it("a quote never closed names the record where it opens", async () => {
    const file = bad("unclosed-quote.csv");
    expect((await loadError(file)).message).toMatch(
      `${file}:3: a quoted cell starting in this record is never closed`,
    );
  });

  it("a duplicate id names both lines", async () => {
    const file = bad("duplicate-id.csv");
    expect((await loadError(file)).message).toMatch(`${file}:5: id: duplicate id "x" (first used on line 2)`);
  });

  it("an empty file and a header without rows have no rows", async () => {
    for (const name of ["empty.csv", "header-only.csv"]) {
      const file = bad(name);
      expect((await loadError(file)).message).toMatch(`${file}: has no rows`);
    }
  });
});

describe("files that cannot be datasets", () => {
  it("an unknown extension says which are supported", async () => {
    const file = bad("calls.txt");
    expect((await loadError(file)).message).toBe(
      `${file}: unknown dataset format ".txt"; use a .jsonl (also .ndjson, .json-lines) or .csv file`,
    );
  });

  it("a missing file", async () => {
    const file = bad("no-such-file.jsonl");
    const error = await loadError(file);
    expect(error.code).toBe("DATASET_INVALID");
    expect(error.message).toMatch(`${file}: file not found`);
  });
});

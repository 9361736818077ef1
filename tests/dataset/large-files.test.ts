import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/dataset/index.js";
import { loadError, tempFile } from "./helpers.js";

// Files are read in 64 KiB chunks; these span many chunks, so multi-byte characters and
// lines fall across chunk boundaries.
const ROWS = 3000;
const text = (index: number): string =>
  `顧客${index}: 電話番号は０９０−${String(index).padStart(4, "０")}です`;

describe("files larger than one read chunk", () => {
  it("a long Japanese JSONL file loads exactly, with every line number right", async () => {
    const lines = Array.from({ length: ROWS }, (_, index) =>
      JSON.stringify({ id: `c${index}`, transcript: text(index) }),
    );
    const file = tempFile("many.jsonl", `${lines.join("\n")}\n`);
    const cases = await loadDataset(file);
    expect(cases).toHaveLength(ROWS);
    cases.forEach((item, index) => {
      expect(item.transcript).toBe(text(index));
      expect(item.source.line).toBe(index + 1);
    });
  });

  it("a long Japanese CSV file loads exactly, with every line number right", async () => {
    const rows = Array.from({ length: ROWS }, (_, index) => `c${index},"${text(index)}\n続き"`);
    const file = tempFile("many.csv", `id,transcript\r\n${rows.join("\r\n")}\r\n`);
    const cases = await loadDataset(file);
    expect(cases).toHaveLength(ROWS);
    cases.forEach((item, index) => {
      expect(item.transcript).toBe(`${text(index)}\n続き`);
      expect(item.source.line).toBe(2 + index * 2);
    });
  });

  it("a bad byte far into the file names its line", async () => {
    const lines = Array.from({ length: ROWS }, (_, index) =>
      Buffer.from(`${JSON.stringify({ id: `c${index}`, transcript: text(index) })}\n`),
    );
    lines[2499] = Buffer.concat([
      Buffer.from('{"id": "x", "transcript": "'),
      Buffer.from([0xc3]),
      Buffer.from('"}\n'),
    ]);
    const file = tempFile("late.jsonl", Buffer.concat(lines));
    expect((await loadError(file)).message).toMatch(`${file}:2500:28: is not valid UTF-8`);
  });
});

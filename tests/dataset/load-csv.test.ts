import { describe, expect, it } from "vitest";
import { loadDataset } from "../../src/dataset/index.js";
import { good, tempFile } from "./helpers.js";

describe("loading CSV", () => {
  it("reads a gold column of JSON, an audio column and the rest as meta strings", async () => {
    const file = good("gold-json.csv");
    expect(await loadDataset(file)).toEqual([
      {
        id: "c1",
        transcript: "Agent: hello\nCaller: I want to book, please",
        gold: { intent: "booking", party: 4 },
        meta: { callDate: "2024-03-29", channel: "phone" },
        audio: "audio/c1.wav",
        source: { file, line: 2 },
      },
      // Line 5: the quoted transcript above spans lines 2-3, then a blank line.
      {
        id: "c2",
        transcript: "Caller: cancel my order",
        meta: { callDate: "2024-03-30", channel: "" },
        source: { file, line: 5 },
      },
    ]);
  });

  it("builds gold from gold.<field> columns: strings kept, empty cells null, dots nest", async () => {
    const file = good("gold-fields.csv");
    const [japanese, english] = await loadDataset(file);
    expect(japanese).toEqual({
      id: "jp-1",
      transcript: [{ speaker: "顧客", text: "山田です。０９０−１２３４−５６７８" }],
      gold: { name: "山田", phone: "０９０−１２３４−５６７８", caller: { city: "東京" }, party: "4" },
      meta: { agent: "suzuki" },
      source: { file, line: 2 },
    });
    expect(english?.gold).toEqual({ name: null, phone: null, caller: { city: null }, party: null });
  });

  it("keeps a transcript like '[00:01] Agent: hi' as plain text, not JSON", async () => {
    const [, english] = await loadDataset(good("gold-fields.csv"));
    expect(english?.transcript).toBe("[00:01] Agent: hi");
  });

  it("accepts a BOM and CRLF line endings, with correct lines after multi-line cells", async () => {
    const file = good("bom-crlf.csv");
    expect(await loadDataset(file)).toEqual([
      {
        id: "r1",
        transcript: "line one\r\nline two\r\nline three",
        meta: { note: "first" },
        source: { file, line: 2 },
      },
      { id: "r2", transcript: "plain", meta: { note: "second" }, source: { file, line: 6 } },
    ]);
  });

  it("trims spaces around header names", async () => {
    const file = tempFile("calls.csv", " id , transcript , gold.name \n1,hello,Sato\n");
    expect(await loadDataset(file)).toEqual([
      { id: "1", transcript: "hello", gold: { name: "Sato" }, meta: {}, source: { file, line: 2 } },
    ]);
  });
});

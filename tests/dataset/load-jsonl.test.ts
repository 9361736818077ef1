import { copyFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { iterateDataset, loadDataset } from "../../src/dataset/index.js";
import { bad, good, tempFile } from "./helpers.js";

describe("loading JSONL", () => {
  it("reads string and turn transcripts, gold, meta and audio, skipping blank lines", async () => {
    const file = good("calls.jsonl");
    const cases = await loadDataset(file);
    expect(cases).toEqual([
      {
        id: "c1",
        transcript: "Agent: Thanks for calling.\nCaller: I need a plumber tomorrow at 3pm.",
        gold: { intent: "booking", time: "15:00" },
        meta: { callDate: "2024-03-29" },
        audio: "audio/c1.wav",
        source: { file, line: 1 },
      },
      {
        id: "42",
        transcript: [
          { speaker: "agent", text: "Hello?", start: 0, end: 1.5 },
          { speaker: "caller", text: "Hi, call me back on 555-0100.", start: 1.6 },
        ],
        meta: {},
        source: { file, line: 3 },
      },
      { id: "c3", transcript: "", meta: {}, source: { file, line: 5 } },
    ]);
  });

  it("a numeric id becomes a string and null gold, meta and audio mean absent", async () => {
    const [, second, third] = await loadDataset(good("calls.jsonl"));
    expect(second?.id).toBe("42");
    expect(third).not.toHaveProperty("gold");
    expect(third).not.toHaveProperty("audio");
    expect(third?.meta).toEqual({});
  });

  it("keeps Japanese text and full-width digits exactly", async () => {
    const cases = await loadDataset(good("japanese.jsonl"));
    expect(cases[0]?.transcript).toEqual([
      { speaker: "オペレーター", text: "お電話ありがとうございます。" },
      {
        speaker: "顧客",
        text: "山田です。電話番号は０９０−１２３４−５６７８です。３月３０日の１５時にお願いします。",
      },
    ]);
    expect(cases[0]?.gold).toEqual({ name: "山田", phone: "０９０−１２３４−５６７８", date: "３月３０日" });
    expect(cases[1]?.transcript).toBe("顧客: 予約を２件キャンセルしたい 🙏");
  });

  it("accepts CRLF line endings and counts lines the way editors do", async () => {
    const cases = await loadDataset(good("crlf.jsonl"));
    expect(cases.map((item) => [item.id, item.transcript, item.source.line])).toEqual([
      ["a", "one", 1],
      ["b", "two", 3],
    ]);
  });

  it("accepts a UTF-8 byte order mark silently", async () => {
    const cases = await loadDataset(good("bom.jsonl"));
    expect(cases).toEqual([
      {
        id: "b1",
        transcript: "with a byte order mark",
        meta: {},
        source: { file: good("bom.jsonl"), line: 1 },
      },
    ]);
  });

  it("accepts .ndjson and .json-lines like .jsonl", async () => {
    for (const extension of [".ndjson", ".json-lines", ".JSONL"]) {
      const file = tempFile(`calls${extension}`, "");
      copyFileSync(good("calls.jsonl"), file);
      expect(await loadDataset(file)).toHaveLength(3);
    }
  });
});

describe("streaming", () => {
  it("yields cases before a later bad line is read", async () => {
    const iterator = iterateDataset(bad("invalid-json.jsonl"))[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.id).toBe("1");
    expect((await iterator.next()).value?.id).toBe("2");
    await expect(iterator.next()).rejects.toThrow(/invalid-json\.jsonl:3:/);
  });

  it("limit stops reading after that many cases", async () => {
    const cases = await loadDataset(bad("invalid-json.jsonl"), { limit: 2 });
    expect(cases.map((item) => item.id)).toEqual(["1", "2"]);
  });

  it("rejects a limit that is not a positive integer", async () => {
    await expect(loadDataset(good("calls.jsonl"), { limit: 0 })).rejects.toMatchObject({ code: "USAGE" });
    await expect(loadDataset(good("calls.jsonl"), { maxTranscriptChars: 1.5 })).rejects.toMatchObject({
      code: "USAGE",
    });
  });
});

import { describe, expect, it } from "vitest";
import { relevantExcerpt, terms } from "../../../src/review/tui/kb-excerpt.js";
import type { ReviewField } from "../../../src/review/types.js";

const KB = [
  "# Bella Cucina",
  "Opening hours: Tuesday to Sunday, 5pm to 11pm.",
  "",
  "Party size: tables seat up to 8; larger parties call the events line.",
  "Cancellation policy: cancel at least 24 hours ahead.",
  "Parking is free after 6pm.",
  "\u001b[31mDelivery\u001b[0m radius: 5 km.",
].join("\n");

function field(name: string, values: unknown[], gold?: unknown): ReviewField {
  return {
    itemId: 1,
    field: name,
    reason: "disagreement",
    match: { kind: "text" },
    answers: values.map((value, i) => ({ modelId: `m${i}`, value })),
    ...(gold === undefined ? {} : { gold }),
  };
}

describe("knowledge-base excerpt", () => {
  it("the field's name picks its lines, with their line numbers, in order", () => {
    expect(relevantExcerpt(KB, field("party_size", [4, 6]), "", 3)).toEqual([
      { line: 4, text: "Party size: tables seat up to 8; larger parties call the events line." },
    ]);
  });

  it("the answers' values pick lines too, and camelCase names split into words", () => {
    const lines = relevantExcerpt(KB, field("cancellationPolicy", ["cancel"]), "", 5);
    expect(lines.map((l) => l.line)).toEqual([5]);
    const byValue = relevantExcerpt(KB, field("intent", ["parking"]), "", 5);
    expect(byValue.map((l) => l.line)).toEqual([6]);
  });

  it("keeps to maxLines, best first, shown in knowledge-base order", () => {
    const lines = relevantExcerpt(KB, field("hours", ["Sunday 5pm", "Tuesday"]), "party of eight", 1);
    expect(lines).toEqual([{ line: 2, text: "Opening hours: Tuesday to Sunday, 5pm to 11pm." }]);
  });

  it("lines are inert, and lines sharing nothing with the field are left out", () => {
    expect(relevantExcerpt(KB, field("delivery", []), "", 5)).toEqual([
      { line: 7, text: "Delivery radius: 5 km." },
    ]);
    expect(relevantExcerpt(KB, field("zzz", ["qqq"]), "", 5)).toEqual([]);
    expect(relevantExcerpt("", field("party_size", [4]), "", 5)).toEqual([]);
  });

  it("Japanese lines match by kanji and katakana bigrams", () => {
    const kb =
      "営業時間は火曜から日曜まで。\n予約のキャンセルは前日までにお電話ください。\n駐車場はありません。";
    const lines = relevantExcerpt(kb, field("intent", ["予約キャンセル"]), "", 2);
    expect(lines.map((l) => l.line)).toEqual([2]);
    expect(terms("予約キャンセル")).toContain("予約");
  });
});

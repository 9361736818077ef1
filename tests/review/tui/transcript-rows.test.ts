// The transcript as rows: each turn wrapped to the width, every row labelled with the speaker of its turn.
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import type { Segment } from "../../../src/review/tui/highlight.js";
import { clipSegments, transcriptRows } from "../../../src/review/tui/transcript-rows.js";
import { transcriptLines } from "../../../src/review/tui/view-model.js";
import { demoTranscript } from "./demo-cases.js";

describe("transcript rows", () => {
  it("ja-021 at 80 columns: the greeting is the agent's and whole; every row names its turn's speaker", () => {
    const lines = transcriptLines(demoTranscript("ja-021"));
    const rows = transcriptRows(lines, 80);
    const drawn = rows.map((r) => `${r.label}${lines[r.line]?.text.slice(r.start, r.end)}`);
    expect(drawn[0]).toBe("agent: お電話ありがとうございます。レストラン花見テーブルでございます。");
    for (const [i, row] of rows.entries()) {
      expect(row.label).toBe(`${lines[row.line]?.speaker}${row.first ? ":" : "┊"} `);
      expect(stringWidth(drawn[i] ?? "")).toBeLessThanOrEqual(80);
    }
    expect(drawn.some((d) => d.includes("3月29日"))).toBe(true);
  });

  it("the rows of a turn cover its whole text, in order; only the spaces at breaks are left out", () => {
    for (const id of ["en-001", "ja-021"]) {
      const lines = transcriptLines(demoTranscript(id));
      for (const width of [40, 80, 160]) {
        const rows = transcriptRows(lines, width);
        lines.forEach((line, i) => {
          const mine = rows.filter((r) => r.line === i);
          mine.forEach((r, k) => {
            const next = mine[k + 1];
            if (next) expect(line.text.slice(r.end, next.start).trim()).toBe("");
          });
          expect(mine[0]?.start).toBe(0);
          expect(mine.at(-1)?.end).toBe(line.text.length);
        });
      }
    }
  });

  it("a plain transcript has no labels; a long speaker name is cut", () => {
    expect(transcriptRows(transcriptLines("one line\nanother"), 80).map((r) => r.label)).toEqual(["", ""]);
    const [row] = transcriptRows([{ speaker: "a-speaker-name-far-too-long", text: "hi" }], 80);
    expect(row?.label).toBe("a-speaker-name-…: ");
  });

  it("the highlight of a line is cut at the row's edges", () => {
    const segments: Segment[] = [
      { text: "call me at ", models: [] },
      { text: "555-0102", models: [0] },
      { text: " please", models: [] },
    ];
    expect(clipSegments(segments, 8, 15)).toEqual([
      { text: "at ", models: [] },
      { text: "555-", models: [0] },
    ]);
  });
});

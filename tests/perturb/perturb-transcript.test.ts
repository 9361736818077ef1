import { describe, expect, it } from "vitest";
import { errorRate, wordErrors } from "../../src/asr/error-rate.js";
import type { Turn } from "../../src/core/types.js";
import { measureTranscript, perturbTranscript } from "../../src/perturb/index.js";

const turns: Turn[] = [
  { speaker: "agent", text: "Hanami Table, good evening! How can I help you?", start: 0, end: 2.5 },
  {
    speaker: "caller",
    text: "Hi, I'd like a table for four this Friday, around seven thirty, for my son's birthday.",
  },
  {
    speaker: "agent",
    text: "Friday the 27th at seven thirty for four. Can I have your name and number, please?",
  },
  {
    speaker: "caller",
    text: "Sure, it's Anderson, and the number is two one two, five five five, oh one nine eight.",
  },
];
const japanese =
  "お電話ありがとうございます。来週の月曜日の、血液検査の予約をキャンセルしたいんですが。電話番号は090-1234-0001です。";

describe("perturbing one transcript", () => {
  it("the same seed and input give byte-identical output", () => {
    const a = perturbTranscript(turns, { targetWer: 0.2, seed: 7 });
    const b = perturbTranscript(turns, { targetWer: 0.2, seed: 7 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("a different seed gives different noise", () => {
    const a = perturbTranscript(turns, { targetWer: 0.2, seed: 7 });
    const b = perturbTranscript(turns, { targetWer: 0.2, seed: 8 });
    expect(JSON.stringify(b.transcript)).not.toBe(JSON.stringify(a.transcript));
  });

  it("turns keep their speakers, times and count; only the text changes", () => {
    const { transcript } = perturbTranscript(turns, { targetWer: 0.3, seed: 1 });
    expect(transcript.map(({ speaker, start, end }) => ({ speaker, start, end }))).toEqual(
      turns.map(({ speaker, start, end }) => ({ speaker, start, end })),
    );
    expect(transcript.some((turn, i) => turn.text !== turns[i]?.text)).toBe(true);
    expect(turns[0]?.text).toBe("Hanami Table, good evening! How can I help you?");
  });

  it("reports the error rate measured against the original, turn by turn", () => {
    const result = perturbTranscript(turns, { targetWer: 0.2, seed: 3 });
    const again = measureTranscript(turns, result.transcript, "en");
    expect(result.counts).toEqual(again);
    expect(result.wer).toBeCloseTo(errorRate(again), 10);
    // Within one error of the target: a call's budget is the target rounded to a whole error.
    expect(Math.abs(result.wer * result.counts.ref - 0.2 * result.counts.ref)).toBeLessThanOrEqual(1);
  });

  it("perturbs a plain string and measures it whole", () => {
    const text = turns.map((turn) => turn.text).join(" ");
    const result = perturbTranscript(text, { targetWer: 0.1, seed: 2 });
    expect(typeof result.transcript).toBe("string");
    expect(result.counts).toEqual(wordErrors(text, result.transcript, { lang: "en" }));
    expect(result.counts.sub + result.counts.del + result.counts.ins).toBeGreaterThan(0);
  });

  it("treats Japanese by character and detects it from the kana", () => {
    const result = perturbTranscript(japanese, { targetWer: 0.1, seed: 1 });
    expect(result.lang).toBe("ja");
    expect(result.counts.ref).toBe(wordErrors(japanese, japanese, { lang: "ja" }).ref);
    expect(Math.abs(result.wer - 0.1)).toBeLessThanOrEqual(1 / result.counts.ref);
  });

  it("a target of 0 leaves the transcript as it was", () => {
    expect(perturbTranscript(turns, { targetWer: 0, seed: 1 }).transcript).toEqual(turns);
  });

  it("rejects a target outside 0..1", () => {
    expect(() => perturbTranscript("hello", { targetWer: 1.5, seed: 1 })).toThrow(RangeError);
  });
});
